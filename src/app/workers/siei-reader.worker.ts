import { readSieiFile } from '../../domain/siei/read-file';

/**
 * Reads a SIEI list off the main thread: decoding, cutting and checking
 * 20,000 rows takes a few seconds, during which the page must stay usable.
 * In: the file's bytes. Out: { progress } messages, then { result }.
 */
/** The worker's side of its messages (the app's types know the page's `self`, not a worker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ArrayBuffer>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  let reported = -1;
  const result = readSieiFile(new Uint8Array(event.data), {
    onProgress: (share) => {
      const percent = Math.floor(share * 100);
      if (percent === reported) return;
      reported = percent;
      scope.postMessage({ progress: share });
    },
  });
  scope.postMessage({ result });
};
