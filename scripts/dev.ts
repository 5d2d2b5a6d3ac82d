/**
 * `npm run dev`: the endpoint (restarted on change) on API_PORT, and Vite's
 * dev server, which proxies /api to it. Data goes to ./data-dev.
 */
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '8080';
const env = {
  ...process.env,
  PORT: apiPort,
  API_PORT: apiPort,
  DATA_DIR: process.env.DATA_DIR ?? './data-dev',
  LOG_LEVEL: 'info',
};
const children = [
  spawn('npx', ['tsx', 'watch', 'src/server/main.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite'], { stdio: 'inherit', env }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
