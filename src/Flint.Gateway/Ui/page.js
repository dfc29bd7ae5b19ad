// Flint's /ui: polls /ui/data and redraws. Every text from the gateway goes in through textContent,
// never as HTML, so a function's name is shown as it is and cannot become markup.
'use strict';

const refreshMilliseconds = 2000;
let shownReport; // the report on screen: its name, null for "none yet", undefined before the first answer

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function duration(seconds) {
  if (seconds < 0.001) {
    return `${+(seconds * 1e6).toPrecision(3)} µs`;
  }
  return seconds < 1 ? `${+(seconds * 1e3).toPrecision(3)} ms` : `${+seconds.toPrecision(3)} s`;
}

function renderFunctions(functions) {
  const body = document.querySelector('#functions tbody');
  const rows = functions.map(f => {
    const row = element('tr');
    row.dataset.function = f.name;
    row.append(
      element('td', f.name, 'name'),
      element('td', f.runtime, 'runtime'),
      element('td', f.mode, 'mode'),
      element('td', f.instances, 'instances'),
      element('td', f.invocations, 'invocations'));
    return row;
  });
  if (rows.length === 0) {
    const row = element('tr');
    const cell = element('td', 'no functions deployed', 'empty');
    cell.colSpan = 5;
    row.append(cell);
    rows.push(row);
  }
  body.replaceChildren(...rows);
}

function renderHistogram(histogram, bounds) {
  const figure = element('figure');
  figure.dataset.function = histogram.function;
  figure.dataset.runtime = histogram.runtime;
  const mean = histogram.count > 0 ? histogram.sumSeconds / histogram.count : 0;
  figure.append(element('figcaption',
    `${histogram.function} · ${histogram.runtime}: ${histogram.count} cold start${histogram.count === 1 ? '' : 's'}, mean ${duration(mean)}`));
  const bars = element('div', undefined, 'bars');
  const labels = element('div', undefined, 'labels');
  const most = Math.max(1, ...histogram.counts);
  histogram.counts.forEach((count, i) => {
    const label = i < bounds.length ? `≤ ${duration(bounds[i])}` : `> ${duration(bounds[bounds.length - 1])}`;
    const bar = element('div', undefined, 'bar');
    bar.style.height = `${(100 * count) / most}%`;
    bar.title = `${label}: ${count}`;
    bars.append(bar);
    labels.append(element('span', label));
  });
  figure.append(bars, labels);
  return figure;
}

function renderColdStarts(histograms, bounds) {
  const nodes = histograms.map(h => renderHistogram(h, bounds));
  if (nodes.length === 0) {
    nodes.push(element('p', 'no cold starts yet', 'empty'));
  }
  document.getElementById('cold-starts').replaceChildren(...nodes);
}

async function renderReport(report) {
  const key = report === null ? null : report.name;
  if (key === shownReport) {
    return;
  }
  shownReport = key;
  const target = document.getElementById('report');
  if (report === null) {
    target.replaceChildren(element('p',
      'no report yet: run flint bench, and start the gateway with --bench-results naming its output folder', 'empty'));
    return;
  }
  const charts = element('div', undefined, 'charts');
  for (const url of report.charts) {
    const image = element('img');
    image.src = url;
    image.alt = url.substring(url.lastIndexOf('/') + 1);
    charts.append(image);
  }
  const details = element('details');
  const text = element('pre');
  details.append(element('summary', 'report.md'), text);
  target.replaceChildren(element('p', `run ${report.name}`, 'report-name'), charts, details);
  const response = await fetch(report.markdown, { cache: 'no-store' });
  text.textContent = response.ok ? await response.text() : `could not read the report: HTTP ${response.status}`;
}

async function refresh() {
  const status = document.getElementById('status');
  try {
    const response = await fetch('/ui/data', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const data = await response.json();
    renderFunctions(data.functions);
    renderColdStarts(data.coldStarts, data.bucketSeconds);
    await renderReport(data.report);
    status.className = '';
    status.textContent = `updated ${new Date().toLocaleTimeString()}; refreshes every ${refreshMilliseconds / 1000} s`;
  } catch (error) {
    status.className = 'error';
    status.textContent = `cannot read the gateway: ${error.message}`;
  }
}

refresh();
setInterval(refresh, refreshMilliseconds);
