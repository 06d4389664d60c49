import { connect } from 'node:net';

/**
 * Whether a test server answers on host:port. Outside CI a missing server skips its tests with a message saying how
 * to enable them; with CI set the tests run anyway, so a missing server fails them.
 */
export async function serverReachable(name: string, host: string, port: number, enable: string): Promise<boolean> {
  const up = await new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
  if (up || process.env['CI']) return true;
  console.warn(`perfspec: ${name} is not reachable at ${host}:${port}, so its query tests are skipped. ${enable}`);
  return false;
}
