/**
 * Which of this projector's writes Elasticsearch has provably made searchable. A refresh probe
 * (refresh.probe.ts) sent after a write returned comes back only once every shard copy has refreshed past
 * the probe, hence past the write. Writes are grouped by target (index or alias) and by the probe that
 * proves them: the first one sent after they returned.
 *
 * Pure state, no I/O: GenerationNotifier sends the probes and turns what this reports into Redis commands.
 */

interface WriteGroup {
  seq: number;
  target: string;
  domains: Set<string>;
  /** Set when the probe that proves the group is sent: only that probe, or a later one, may observe it. */
  probe: number | null;
}

/** A domain whose writes by this projector are all searchable up to `seq` (its marker field may go). */
export interface ObservedDomain {
  domainId: string;
  seq: number;
}

export class RefreshWatch {
  private nextSeq = 1;
  private probesSent = 0;
  private groups: WriteGroup[] = [];
  /** Per domain, the newest group that wrote it and how many of its groups are not yet observed. */
  private domains = new Map<string, { seq: number; groups: number }>();

  /** Registers writes that have returned; the seq names the marker field that protects them. */
  register(domainIds: Iterable<string>, target: string): number {
    let group = this.groups.find((g) => g.target === target && g.probe === null);
    if (group === undefined) {
      group = { seq: this.nextSeq++, target, domains: new Set(), probe: null };
      this.groups.push(group);
    }
    for (const id of domainIds) {
      if (group.domains.has(id)) continue;
      group.domains.add(id);
      const state = this.domains.get(id);
      if (state === undefined) this.domains.set(id, { seq: group.seq, groups: 1 });
      else {
        state.seq = group.seq;
        state.groups += 1;
      }
    }
    return group.seq;
  }

  /** The seq of the domain's newest write not yet observed searchable, or null when all are. */
  pendingSeq(domainId: string): number | null {
    return this.domains.get(domainId)?.seq ?? null;
  }

  /** Domains with writes still waiting to be observed, with the seq their marker field carries. */
  pendingDomains(): ObservedDomain[] {
    return [...this.domains].map(([domainId, { seq }]) => ({ domainId, seq }));
  }

  /** The targets with writes no probe has been sent for yet. */
  unprobedTargets(): string[] {
    return [...new Set(this.groups.filter((g) => g.probe === null).map((g) => g.target))];
  }

  /** Call just before sending a probe of `target`; pass the returned number to `observe` when it comes back. */
  probeSent(target: string): number {
    this.probesSent += 1;
    for (const group of this.groups) {
      if (group.target === target && group.probe === null) group.probe = this.probesSent;
    }
    return this.probesSent;
  }

  /** A probe that failed proves nothing: its groups wait for the next one. */
  probeFailed(probe: number): void {
    for (const group of this.groups) if (group.probe === probe) group.probe = null;
  }

  /**
   * Probe `probe` of `target` came back (or the target does not exist, so nothing is searchable there):
   * every group it was sent for, and any older one of the target, is searchable. Returns the domains now
   * fully observed.
   */
  observe(target: string, probe: number): ObservedDomain[] {
    const done = this.groups.filter(
      (g) => g.target === target && g.probe !== null && g.probe <= probe,
    );
    if (done.length === 0) return [];
    this.groups = this.groups.filter((g) => !done.includes(g));
    const observed: ObservedDomain[] = [];
    for (const group of done) {
      for (const id of group.domains) {
        const state = this.domains.get(id);
        if (state === undefined) continue;
        state.groups -= 1;
        if (state.groups > 0) continue;
        this.domains.delete(id);
        observed.push({ domainId: id, seq: state.seq });
      }
    }
    return observed;
  }
}
