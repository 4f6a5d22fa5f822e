// Loads the readers module (Word .docx/.doc/.wps and 2003 XML, PDF, RTF) for check() of nianbao.js. The start
// module reads every other input itself; call loadReaders() once before checking such files
// (check() otherwise answers them with a P001 saying so). Shipped in dist/pkg by
// scripts/bundle.mjs.
import initReaders, { extract } from './nianbao_readers.js';

let loading = null;

/** Instantiates the readers module once; later calls return the same promise. */
export function loadReaders(moduleOrPath) {
  if (!loading) {
    loading = initReaders(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath })
      .then(() => {
        // The start module looks for this global when it meets a Word file, PDF or RTF.
        globalThis.nianbaoReaders = Object.freeze({ extract });
      })
      .catch((e) => {
        loading = null;
        throw e;
      });
  }
  return loading;
}
