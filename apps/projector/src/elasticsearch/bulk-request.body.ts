import type { estypes } from '@elastic/elasticsearch';
import type { PlannedWrite, WriteTarget } from '../core/projection.types';

/** Room an action line takes beyond its index name and id, in characters (`{"index":{…,"if_seq_no":…}}`). */
const ACTION_OVERHEAD_CHARS = 120;
/** A UTF-16 code unit is at most 3 bytes of UTF-8; a surrogate pair (two units) is 4. */
const MAX_BYTES_PER_CHAR = 3;
/** After `Buffer#write` stops, fewer free bytes than this may mean it stopped short of the next character. */
const MAX_CHAR_BYTES = 4;
const NEWLINE = 0x0a;

/**
 * Existing documents are overwritten in the index they were read from, guarded by their seq_no/primary_term; new
 * ones are `create`d through the target, which fails with 409 if a concurrent writer created them first. Through an
 * alias, `require_alias` stops Elasticsearch from auto-creating a dynamically mapped index when the alias is missing.
 */
export function bulkAction(
  write: PlannedWrite,
  target: WriteTarget,
): estypes.BulkOperationContainer {
  if (write.current === null) {
    return {
      create: {
        _index: target.name,
        _id: write.id,
        ...(target.isAlias && { require_alias: true }),
      },
    };
  }
  return {
    index: {
      _index: write.current.index,
      _id: write.id,
      if_seq_no: write.current.seqNo,
      if_primary_term: write.current.primaryTerm,
    },
  };
}

/**
 * The `_bulk` request's NDJSON, encoded once into one buffer. Handed a list, the client would concatenate it into one
 * string, measure its UTF-8 length and encode it again on the socket; a buffer goes out as it is (docs/projector.md,
 * "The bulk request").
 */
export function bulkRequestBody(writes: readonly PlannedWrite[], target: WriteTarget): Buffer {
  const body = new GrowingBuffer(estimatedBytes(writes, target));
  for (const write of writes) {
    body.appendLine(JSON.stringify(bulkAction(write, target)));
    body.appendLine(write.json);
  }
  return body.contents();
}

function estimatedBytes(writes: readonly PlannedWrite[], target: WriteTarget): number {
  let chars = 0;
  for (const write of writes) {
    const index = write.current?.index ?? target.name;
    chars += ACTION_OVERHEAD_CHARS + index.length + write.id.length + write.json.length + 2;
  }
  return chars;
}

/** UTF-8 lines written straight into a buffer sized for ASCII, grown only when the text needs more bytes. */
class GrowingBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(bytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(bytes, 1_024));
  }

  appendLine(text: string): void {
    for (;;) {
      const written = this.buffer.write(text, this.length);
      // With a character's worth of room left the whole text fitted (and so does the newline).
      if (this.buffer.length - this.length - written >= MAX_CHAR_BYTES) {
        this.length += written;
        this.buffer[this.length] = NEWLINE;
        this.length += 1;
        return;
      }
      this.grow(text.length * MAX_BYTES_PER_CHAR + MAX_CHAR_BYTES);
    }
  }

  contents(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private grow(atLeast: number): void {
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + atLeast));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
