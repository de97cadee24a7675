// Charts of the Charts tab, from the /api/stats routes, drawn with Chart.js (only the parts used).
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';
import { chokepointChart, portCallChart, messageSeries, emptyChartText, CATEGORY_COLORS } from './data.js';
import { utcTime } from './watch.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const charts = {};
const SOURCE_COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#8d6e63'];

/** Draws chart `id`, or, given `empty` (what the chart counts and why it has nothing), says that in its place. */
function draw(id, config, empty = null) {
  if (charts[id]) charts[id].destroy();
  delete charts[id];
  const canvas = document.getElementById(id);
  const note = document.getElementById(`${id}-empty`);
  note.textContent = empty || '';
  note.hidden = !empty;
  canvas.hidden = Boolean(empty);
  if (empty) return;
  charts[id] = new Chart(canvas, { ...config, options: { animation: false, responsive: true, ...config.options } });
}

function hhmm(ms) {
  return new Date(ms).toISOString().slice(11, 16);
}

/**
 * Loads the stats routes and draws the charts: transits and port calls per day over the 30 days that
 * end with the newest such event (event time, so a replayed old log charts its own month), and
 * messages per minute over the last 6 hours of reception. Port calls are the visits that ended (the
 * server's counts) and those under way (GET /api/ongoing?kind=port_visit), stacked; when the latter
 * cannot be read the chart shows the ended ones and says why. A chart with nothing to draw says what
 * it counts and why it is empty ({@link emptyChartText}). Resolves to what was drawn:
 * `{chokepoints, portCalls, messages, empty}` as {@link chokepointChart}, {@link portCallChart},
 * {@link messageSeries} and {@link emptyChartText} give them.
 */
export async function drawCharts(api) {
  const now = Date.now();
  const [choke, calls, series, underWay] = await Promise.all([
    api.chokepoints(), api.portCalls(), api.series({ from: new Date(now - 6 * 3600e3).toISOString() }),
    api.ongoing({ kind: 'port_visit', limit: 100000 }).catch((error) => ({ error })),
  ]);
  const c = chokepointChart(choke, undefined, 30);
  const p = portCallChart(calls, 30, underWay.events || []);
  const m = messageSeries(series);
  const empty = emptyChartText({ chokepoints: c, portCalls: p, messages: m }, 6);
  draw('chart-chokepoints', {
    type: 'bar',
    data: { labels: c.labels, datasets: c.datasets.map((d) => ({ label: d.label, data: d.data, backgroundColor: CATEGORY_COLORS[d.category] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'transits' } } } },
  }, empty.chokepoints);
  const note = document.getElementById('chart-portcalls-note');
  note.textContent = underWay.error ? `Visits under way not counted: ${underWay.error.message}`
    : underWay.total > underWay.count ? `The first ${underWay.count} of ${underWay.total} visits under way counted.` : '';
  note.hidden = !note.textContent;
  draw('chart-portcalls', {
    type: 'bar',
    data: {
      labels: p.labels,
      datasets: [
        { label: 'ended', data: p.data, backgroundColor: '#1565c0' },
        { label: 'under way', data: p.underWay, backgroundColor: '#ef6c00' },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'port calls' } } } },
  }, empty.portCalls);
  draw('chart-messages', {
    type: 'line',
    data: {
      datasets: m.map((s, i) => ({
        label: s.source, data: s.points, borderColor: SOURCE_COLORS[i % SOURCE_COLORS.length], pointRadius: 0, borderWidth: 1.5,
      })),
    },
    options: {
      parsing: false,
      // hovering anywhere over the chart shows the nearest minute (the line has no dots to aim at), its
      // time written as every time is, not the epoch milliseconds a linear axis would show
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: { tooltip: { callbacks: { title: (items) => (items.length ? utcTime(items[0].parsed.x) : '') } } },
      scales: { x: { type: 'linear', ticks: { callback: (v) => hhmm(v) } }, y: { beginAtZero: true, title: { display: true, text: 'messages / min' } } },
    },
  }, empty.messages);
  return { chokepoints: c, portCalls: p, messages: m, empty };
}
