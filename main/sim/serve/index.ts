/** `matterline sim serve`: a simulated board on a local socket and its shell on a pty. See docs/simulator.md. */
export { DEFAULT_REMOTE_TIMEOUT_MS, parseServeAddress, RemoteDebugPort } from './client';
export { fromHex, LineReader, MAX_LINE_BYTES, SIM_SERVE_OPERATIONS, SIM_SERVE_PROTOCOL_VERSION, toHex, type SimServeOperation } from './protocol';
export { serveBoard, type ServedBoard, type ServeOptions } from './serve';
export { startSimServer, type SimServeListen, type SimServer, type SimServerOptions } from './server';
