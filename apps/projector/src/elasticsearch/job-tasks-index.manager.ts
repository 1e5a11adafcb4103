import type { Client } from '@elastic/elasticsearch';
import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ELASTICSEARCH_CLIENT, PROJECTOR_CONFIG } from '../projector.tokens';
import {
  INDEX_LOCK_TTL_MS,
  INDEX_LOCK_WAIT_MS,
  NO_AUTO_CREATE_TEMPLATE_PRIORITY,
} from '../projector.settings';
import { StartupLock } from '../redis/startup.lock';
import {
  noAutoCreateTemplateName,
  readModelIndexPatterns,
  versionedIndexName,
  type ReadModelIndex,
} from './index-version.naming';
import { JOB_TASKS_MAPPINGS, JOB_TASKS_SETTINGS, jobTasksIndexSettings } from '@app/platform';
import { AliasMovedError, IndexSetupError, isNotFound, storeErrorType } from './store.errors';

const ALIAS_POLL_MS = 200;

/** Owns the versioned indices behind the read alias: creation at start-up, new versions and the atomic swap. */
@Injectable()
export class JobTasksIndexManager {
  constructor(
    @Inject(ELASTICSEARCH_CLIENT) private readonly es: Client,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly lock: StartupLock,
    private readonly logger: JsonLogger,
  ) {}

  get alias(): string {
    return this.config.elasticsearch.alias;
  }

  /**
   * Makes sure the alias points at an index and returns that index. Several starters may race: the Redis lock
   * lets one of them do the work while the others wait for its alias; without Redis every starter creates the
   * same `<alias>-v1` and adds the same alias, both of which are idempotent in Elasticsearch.
   */
  async ensureReadModel(): Promise<string> {
    await this.ensureNoAutoCreate();
    const existing = await this.aliasTarget();
    if (existing !== null) return existing;
    const attempt = await this.lock.tryAcquire(`index:${this.alias}`, INDEX_LOCK_TTL_MS);
    if (attempt.state === 'held') {
      const appeared = await this.waitForAlias(INDEX_LOCK_WAIT_MS);
      if (appeared !== null) return appeared;
    }
    if (attempt.state === 'unavailable') {
      this.logger.event(
        'warn',
        'redis unavailable for the index lock; creating the index idempotently',
        {
          alias: this.alias,
          error: attempt.error instanceof Error ? attempt.error.message : String(attempt.error),
        },
      );
    }
    try {
      return await this.createFirstVersion();
    } finally {
      if (attempt.state === 'acquired') await attempt.lease.release();
    }
  }

  /**
   * Forbids Elasticsearch to auto-create any index named like the read model's: only `createIndex` (explicit, with
   * the strict mapping) makes them. A guarded write goes to the concrete index its version was read from, and a
   * write to an index deleted since (an alias swapped, the old version dropped) would otherwise create an empty,
   * dynamically mapped index of that name, which a rebuild counts as a version and a rollback may point the alias
   * at. With this template such a write fails with 404, which is a conflict: the document is read again through
   * the alias. Elasticsearch has no per-request flag for a concrete index (`require_alias` only takes aliases).
   * Idempotent, so every starter and every rebuild puts it.
   */
  async ensureNoAutoCreate(): Promise<void> {
    await this.es.indices.putIndexTemplate({
      name: noAutoCreateTemplateName(this.alias),
      index_patterns: readModelIndexPatterns(this.alias),
      allow_auto_create: false,
      priority: NO_AUTO_CREATE_TEMPLATE_PRIORITY,
      _meta: {
        description: `indices of the ${this.alias} read model are created by the projector, never auto-created`,
      },
    });
  }

  /** The concrete index behind the alias, or null when there is no alias yet. */
  async aliasTarget(): Promise<string | null> {
    let response;
    try {
      response = await this.es.indices.getAlias({ name: this.alias });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const indices = Object.keys(response);
    if (indices.length > 1) {
      throw new IndexSetupError(
        `alias ${this.alias} points at several indices: ${indices.join(', ')}`,
      );
    }
    return indices[0] ?? null;
  }

  /** Creates an index with the read-model mapping; false when it already existed. */
  async createIndex(index: string, settings: { refreshInterval?: string } = {}): Promise<boolean> {
    try {
      await this.es.indices.create({
        index,
        mappings: JOB_TASKS_MAPPINGS,
        settings: {
          ...jobTasksIndexSettings(this.config.elasticsearch.readModel),
          ...(settings.refreshInterval && { refresh_interval: settings.refreshInterval }),
        },
      });
      this.logger.event('info', 'index created', { index, alias: this.alias });
      return true;
    } catch (error) {
      if (storeErrorType(error) === 'resource_already_exists_exception') return false;
      throw error;
    }
  }

  /** Every `<alias>-v<N>` index, with whether it is being bulk-loaded (see `planRebuildTarget`). */
  async versionedIndices(): Promise<ReadModelIndex[]> {
    const response = await this.es.indices.get({
      index: `${this.alias}-v*`,
      allow_no_indices: true,
      expand_wildcards: 'all',
      features: ['settings'],
    });
    return Object.entries(response).map(([name, state]) => ({
      name,
      bulkLoading: String(state.settings?.index?.refresh_interval) === '-1',
    }));
  }

  /**
   * Moves the alias in one `_aliases` request, so readers see either the old index or the new one, never none.
   * `from` is where the caller last saw the alias. Without `must_exist`, Elasticsearch answers 200 to a remove
   * that found nothing (`errors: true` in the body) and still applies the add: after a concurrent rebuild or a
   * rollback the alias would then point at two indices, and every write through it would fail. With it, the whole
   * request fails and the alias stays where it is.
   */
  async swapAlias(from: string | null, to: string): Promise<void> {
    try {
      await this.es.indices.updateAliases({
        actions: [
          from === null
            ? // No alias was seen: whatever a starter created meanwhile is replaced, never joined.
              { remove: { index: `${this.alias}-v*`, alias: this.alias, must_exist: false } }
            : { remove: { index: from, alias: this.alias, must_exist: from !== to } },
          { add: { index: to, alias: this.alias } },
        ],
      });
    } catch (error) {
      if (storeErrorType(error) === 'aliases_not_found_exception') {
        const now = await this.aliasTarget().catch(() => null);
        throw new AliasMovedError(
          `alias ${this.alias} no longer points at ${from ?? '(nothing)'} (now ${now ?? 'nothing'}): ` +
            `another rebuild or a rollback moved it; ${to} was not swapped in`,
        );
      }
      throw error;
    }
    this.logger.event('info', 'alias swapped', { alias: this.alias, from, to });
  }

  /** Deletes an index the alias is not on; an index the alias points at is refused, so readers never lose it. */
  async deleteUnaliasedIndex(index: string): Promise<void> {
    if ((await this.aliasTarget()) === index) {
      throw new IndexSetupError(`refusing to delete ${index}: alias ${this.alias} points at it`);
    }
    await this.es.indices.delete({ index, ignore_unavailable: true });
    this.logger.event('info', 'index deleted', { index, alias: this.alias });
  }

  /** Restores the normal refresh interval after a bulk load and makes everything searchable. */
  async finishBulkLoad(index: string): Promise<void> {
    await this.es.indices.putSettings({
      index,
      settings: { refresh_interval: JOB_TASKS_SETTINGS.refresh_interval },
    });
    await this.es.indices.refresh({ index });
  }

  private async createFirstVersion(): Promise<string> {
    const index = versionedIndexName(this.alias, 1);
    await this.createIndex(index);
    const raced = await this.aliasTarget();
    if (raced !== null) return raced;
    try {
      await this.es.indices.updateAliases({ actions: [{ add: { index, alias: this.alias } }] });
    } catch (error) {
      if (storeErrorType(error) === 'invalid_alias_name_exception') {
        throw new IndexSetupError(`cannot create alias ${this.alias}: an index has that name`);
      }
      throw error;
    }
    this.logger.event('info', 'alias created', { alias: this.alias, index });
    return (await this.aliasTarget()) ?? index;
  }

  private async waitForAlias(ms: number): Promise<string | null> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const target = await this.aliasTarget();
      if (target !== null) return target;
      await sleep(ALIAS_POLL_MS);
    }
    return null;
  }
}
