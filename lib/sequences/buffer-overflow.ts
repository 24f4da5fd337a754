/** The error `fromObservable` raises when its bounded buffer overflows under the "error" policy. */

/** An Observable pushed more values than the reader took, beyond the buffer's capacity. */
export class BufferOverflowError extends Error {
  override name = "BufferOverflowError";
  constructor(readonly capacity: number) {
    super(
      `the Observable pushed more than ${capacity} values ahead of the reader (buffer full; choose overflow: "drop-oldest" or "drop-newest", or a larger bufferSize)`,
    );
  }
}
