import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * Chart.js with only what the activity screen draws (bars and lines), loaded
 * by that screen alone (a dynamic import: the app's first load does not carry
 * it). Animations are off: a chart is complete as soon as it is drawn, for
 * the reader and for the printer.
 */
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'Marianne, arial, sans-serif';

export { Chart };
export type { ChartConfiguration } from 'chart.js';
