/**
 * @module
 * Coalesced, serialised flushes (group commit): the journal's appends and the secrets file's writes
 * use it. At most one flush runs at a time; a request made while one runs is served by the next,
 * which also serves every request made meanwhile.
 */

/**
 * Wraps `flush` so that the returned function resolves once a flush that *started after the call*
 * has finished (so it includes whatever the caller changed before calling), sharing flushes
 * between callers.
 * @example
 * const commit = coalescing(async () => { await handle.write(queue.splice(0).join('')); await handle.datasync(); });
 * queue.push(line); await commit();
 */
export function coalescing(flush: () => Promise<void>): () => Promise<void> {
  let requested = 0;
  let done = 0;
  let inflight: Promise<void> | null = null;
  return async () => {
    requested += 1;
    const mine = requested;
    while (done < mine) {
      if (inflight !== null) {
        await inflight;
        continue;
      }
      const upto = requested;
      inflight = flush()
        .then(() => {
          done = upto;
        })
        .finally(() => {
          inflight = null;
        });
      await inflight;
    }
  };
}
