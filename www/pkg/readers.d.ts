/**
 * Instantiates the readers module (PDF, Word 97–2003) so that `check()` of `nianbao.js` reads
 * those files; call it once before checking them. Without it, `check()` answers them with a
 * P001 that says the reader is not loaded. `moduleOrPath` defaults to `nianbao_readers_bg.wasm`
 * beside this file.
 */
export function loadReaders(
  moduleOrPath?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
