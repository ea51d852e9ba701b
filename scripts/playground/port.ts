import net from 'node:net';

/** Whether something already listens on `port` (on all interfaces, as the bot would). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

/** The one line a busy port gets, the same from `npm start` (src/index.ts) and `npm run playground`. */
export function portBusyLine(port: number): string {
  return `port ${port} is in use; set PORT to a free port (e.g. PORT=${port + 1})`;
}
