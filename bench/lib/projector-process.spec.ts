import { countsByLabel } from './projector-process';

describe(countsByLabel.name, () => {
  it("should sum a counter's samples by one label and ignore other metrics", () => {
    const text = [
      '# HELP projector_flushes_total Windows written, by reason',
      'projector_flushes_total{reason="time"} 12',
      'projector_flushes_total{instance="a",reason="docs"} 2',
      'projector_flushes_total{instance="b",reason="docs"} 3',
      'projector_flushes_total_other{reason="time"} 99',
      'projector_batch_messages_count 4',
    ].join('\n');

    const sut = countsByLabel(text, 'projector_flushes_total', 'reason');

    expect(sut).toEqual({ time: 12, docs: 5 });
  });
});
