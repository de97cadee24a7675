// Charts of the Charts tab, from the /api/stats routes, drawn with Chart.js (only the parts used).
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';
import { chokepointChart, portCallChart, messageSeries, CATEGORY_COLORS } from './data.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

const charts = {};
const SOURCE_COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#8d6e63'];

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), { ...config, options: { animation: false, responsive: true, ...config.options } });
}

function hhmm(ms) {
  return new Date(ms).toISOString().slice(11, 16);
}

/**
 * Loads the three stats routes and draws the charts: transits and port calls per day over the 30 days
 * that end with the newest such event (event time, so a replayed old log charts its own month), and
 * messages per source over the last 6 hours of reception. Resolves to what was drawn:
 * `{chokepoints, portCalls, messages}` as {@link chokepointChart}, {@link portCallChart} and {@link messageSeries} give them.
 */
export async function drawCharts(api) {
  const now = Date.now();
  const [choke, calls, series] = await Promise.all([
    api.chokepoints(), api.portCalls(), api.series({ from: new Date(now - 6 * 3600e3).toISOString() }),
  ]);
  const c = chokepointChart(choke, undefined, 30);
  draw('chart-chokepoints', {
    type: 'bar',
    data: { labels: c.labels, datasets: c.datasets.map((d) => ({ label: d.label, data: d.data, backgroundColor: CATEGORY_COLORS[d.category] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'transits' } } } },
  });
  const p = portCallChart(calls, 30);
  draw('chart-portcalls', {
    type: 'bar',
    data: { labels: p.labels, datasets: [{ label: 'port calls', data: p.data, backgroundColor: '#1565c0' }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
  const m = messageSeries(series);
  draw('chart-messages', {
    type: 'line',
    data: {
      datasets: m.map((s, i) => ({
        label: s.source, data: s.points, borderColor: SOURCE_COLORS[i % SOURCE_COLORS.length], pointRadius: 0, borderWidth: 1.5,
      })),
    },
    options: {
      parsing: false,
      scales: { x: { type: 'linear', ticks: { callback: (v) => hhmm(v) } }, y: { beginAtZero: true, title: { display: true, text: 'messages / min' } } },
    },
  });
  return { chokepoints: c, portCalls: p, messages: m };
}
