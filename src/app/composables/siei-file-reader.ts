import type { SieiFileResult } from '../../domain/siei/read-file';

/**
 * Reads a SIEI list in a Web Worker (src/app/workers/siei-reader.worker.ts),
 * telling its progress from 0 to 1. Where workers do not exist (the
 * component tests' DOM), it reads on this thread after letting the page
 * paint, with the same progress.
 */
export async function readSieiFileOffThread(file: Blob, onProgress: (share: number) => void): Promise<SieiFileResult> {
  const bytes = await file.arrayBuffer();
  if (typeof Worker !== 'function') {
    const { readSieiFile } = await import('../../domain/siei/read-file'); // loaded only there
    return readSieiFile(new Uint8Array(bytes), { onProgress });
  }
  const worker = new Worker(new URL('../workers/siei-reader.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<SieiFileResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ progress?: number; result?: SieiFileResult }>) => {
        if (event.data.result) resolve(event.data.result);
        else if (event.data.progress !== undefined) onProgress(event.data.progress);
      };
      worker.onerror = (event) => reject(new Error(event.message || 'La lecture du fichier a échoué'));
      worker.postMessage(bytes, [bytes]);
    });
  } finally {
    worker.terminate();
  }
}
