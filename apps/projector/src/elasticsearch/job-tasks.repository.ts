import type { Client, estypes } from '@elastic/elasticsearch';
import type { JobTaskDocument } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type {
  ItemOutcome,
  PlannedWrite,
  StoredDocument,
  WriteTarget,
} from '../core/projection.types';
import { ELASTICSEARCH_CLIENT, PROJECTOR_CONFIG, type ProjectorConfig } from '../projector.tokens';
import { classifyBulkItem } from './bulk-item.classifier';
import { bulkRequestBody } from './bulk-request.body';
import { StoreUnavailableError } from './store.errors';

// Only what classifyBulkItem reads: the documents themselves are not echoed back.
export const BULK_RESPONSE_FILTER = [
  'errors',
  'items.*.status',
  'items.*._index',
  'items.*._seq_no',
  'items.*._primary_term',
  'items.*.error.type',
  'items.*.error.reason',
  'items.*.error.caused_by.type',
  'items.*.error.caused_by.reason',
];

/** How large one request may be: a flush window can hold tens of thousands of documents. */
export interface RequestLimits {
  maxDocs: number;
  maxBytes: number;
  /** Bulk requests of one write round in flight at once. */
  concurrency: number;
}

/** The only place that reads or writes read-model documents. */
@Injectable()
export class JobTasksRepository {
  /** A bulk request's bounds: the caller splits a window's writes by them (batch/bulk.pipeline). */
  readonly limits: RequestLimits;

  constructor(
    @Inject(ELASTICSEARCH_CLIENT) private readonly es: Client,
    @Inject(PROJECTOR_CONFIG) config: ProjectorConfig,
  ) {
    this.limits = {
      maxDocs: config.projector.maxBatchEvents,
      maxBytes: config.window.bulkMaxBytes,
      concurrency: config.window.bulkConcurrency,
    };
  }

  /** The concrete indices an alias points to now (a rebuild may have moved it since a document was cached). */
  async aliasIndices(alias: string): Promise<Set<string>> {
    try {
      return new Set(Object.keys(await this.es.indices.getAlias({ name: alias })));
    } catch (error) {
      throw new StoreUnavailableError('get alias', error);
    }
  }

  /** Current documents by id (absent ids were never written); realtime, so it sees our own unrefreshed writes. */
  async read(target: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    for (let start = 0; start < ids.length; start += this.limits.maxDocs) {
      await this.readChunk(target, ids.slice(start, start + this.limits.maxDocs), found);
    }
    return found;
  }

  private async readChunk(
    target: string,
    ids: readonly string[],
    found: Map<string, StoredDocument>,
  ): Promise<void> {
    let response;
    try {
      response = await this.es.mget<JobTaskDocument>({ index: target, ids: [...ids] });
    } catch (error) {
      throw new StoreUnavailableError('mget', error);
    }
    for (const doc of response.docs) {
      if ('error' in doc)
        throw new StoreUnavailableError('mget', new Error(JSON.stringify(doc.error)));
      if (doc.found && doc._source && doc._seq_no != null && doc._primary_term != null) {
        found.set(doc._id, {
          index: doc._index,
          seqNo: doc._seq_no,
          primaryTerm: doc._primary_term,
          document: doc._source,
        });
      }
    }
  }

  /** One bulk request, within `limits`; the outcome of each write, index for index. */
  async writeBulk(target: WriteTarget, writes: readonly PlannedWrite[]): Promise<ItemOutcome[]> {
    let response;
    try {
      // The client's `bulk` takes only a list of operations; the transport sends a prebuilt body as it is.
      response = await this.es.transport.request<Partial<estypes.BulkResponse>>({
        method: 'POST',
        path: '/_bulk',
        bulkBody: bulkRequestBody(writes, target),
        querystring: { filter_path: BULK_RESPONSE_FILTER },
        meta: { name: 'bulk' },
      });
    } catch (error) {
      throw new StoreUnavailableError('bulk', error);
    }
    const items = response.items ?? [];
    return writes.map((_, i) => classifyBulkItem(items[i]));
  }
}
