import { measureDocumentSize } from '@app/testing/projection';

// Guards the per-event cost documented in docs/projection.md; the numbers there come from the same function.
describe('stored document size', () => {
  it('should cost under 50 bytes per resource_succeeded event with UUID event_ids', () => {
    const small = measureDocumentSize(10, 'succeeded');
    const large = measureDocumentSize(1000, 'succeeded');
    expect((large.documentBytes - small.documentBytes) / 990).toBeLessThan(50);
  });

  it('should cost under 250 bytes per resource_failed event carrying a short ErrorInfo', () => {
    const small = measureDocumentSize(10, 'failed');
    const large = measureDocumentSize(1000, 'failed');
    expect((large.documentBytes - small.documentBytes) / 990).toBeLessThan(250);
  });
});
