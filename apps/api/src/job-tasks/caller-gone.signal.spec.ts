import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { abortedWhenResponseCloses } from './caller-gone.signal';

/** The part of a Node response the signal reads: 'close', `destroyed`, `writableFinished`. */
function aResponse(state: { destroyed?: boolean; writableFinished?: boolean } = {}) {
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    writableFinished: false,
    ...state,
  });
  return { res, sent: res as unknown as ServerResponse };
}

describe(abortedWhenResponseCloses.name, () => {
  it('should abort when the response closes before it finished (the client went away)', () => {
    const { res, sent } = aResponse();
    const sut = abortedWhenResponseCloses(sent);
    expect(sut.aborted).toBe(false);
    res.destroyed = true;
    res.emit('close');
    expect(sut.aborted).toBe(true);
    // No reason of its own: the Elasticsearch client only knows an AbortError as an abort.
    expect((sut.reason as Error).name).toBe('AbortError');
  });

  it('should not abort when a finished response closes', () => {
    const { res, sent } = aResponse();
    const sut = abortedWhenResponseCloses(sent);
    res.writableFinished = true;
    res.emit('close');
    expect(sut.aborted).toBe(false);
  });

  it('should be aborted at once when the client had gone before the handler ran', () => {
    expect(abortedWhenResponseCloses(aResponse({ destroyed: true }).sent).aborted).toBe(true);
  });
});
