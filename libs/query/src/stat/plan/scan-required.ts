/**
 * Raised while reading an aggregation response that turned out not to be exact for this data (a set
 * larger than the terms size, a message too long to be indexed). The runner then answers the same
 * request from the documents instead, so the client still gets MongoDB's answer, or a clear 400.
 */
export class ScanRequired extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ScanRequired';
  }
}
