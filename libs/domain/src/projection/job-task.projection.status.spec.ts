import {
  aCreatedEvent,
  aFailedEvent,
  aResourceFailedEvent,
  aResourceSucceededEvent,
  aStartedEvent,
  aSucceededEvent,
  given,
} from '@app/testing/projection';
import type { JobTaskEvent } from '../events/job-task-event.types';
import { projectJobTask } from './job-task.projection';

const at = (seconds: number): string =>
  new Date(Date.UTC(2026, 10, 28, 10, 0, seconds)).toISOString();

describe(`${projectJobTask.name} (status and counts)`, () => {
  describe('rule 2: status is the highest rank seen; the latest terminal event wins', () => {
    it('should be PENDING after created', () => {
      given().when(aCreatedEvent()).then({ status: 'PENDING' });
    });

    it.each<[string, () => JobTaskEvent]>([
      ['started', () => aStartedEvent()],
      ['resource_succeeded', () => aResourceSucceededEvent()],
      ['resource_failed', () => aResourceFailedEvent()],
    ])('should be IN_PROGRESS after %s', (_type, make) => {
      given(aCreatedEvent()).when(make()).then({ status: 'IN_PROGRESS' });
    });

    it('should stay IN_PROGRESS when created arrives after started', () => {
      given(aStartedEvent({ occurred_at: at(2) }))
        .when(aCreatedEvent({ occurred_at: at(1) }))
        .then({ status: 'IN_PROGRESS' });
    });

    it('should stay terminal when started arrives after succeeded', () => {
      given(aSucceededEvent({ occurred_at: at(9) }))
        .when(aStartedEvent({ occurred_at: at(1) }))
        .then({ status: 'SUCCESS', finished_at: at(9), started_at: at(1) });
    });

    it('should let a later failed win over an earlier succeeded, whatever the arrival order', () => {
      given(aFailedEvent({ occurred_at: at(9) }))
        .when(aSucceededEvent({ occurred_at: at(8) }))
        .then({ status: 'FAILURE', finished_at: at(9) });
    });

    it('should break an occurred_at tie by sequence', () => {
      given(aSucceededEvent({ occurred_at: at(5), sequence: 7 }))
        .when(aFailedEvent({ occurred_at: at(5), sequence: 6 }))
        .then({ status: 'SUCCESS' });
    });

    it('should break an occurred_at and sequence tie by event_id', () => {
      given(aSucceededEvent({ occurred_at: at(5), event_id: 'b' }))
        .when(aFailedEvent({ occurred_at: at(5), event_id: 'a' }))
        .then({ status: 'SUCCESS' });
      given(aSucceededEvent({ occurred_at: at(5), event_id: 'a' }))
        .when(aFailedEvent({ occurred_at: at(5), event_id: 'b' }))
        .then({ status: 'FAILURE' });
    });

    it('should take finished_at from the winning terminal event among repeated ones', () => {
      given(aSucceededEvent({ occurred_at: at(3) }), aSucceededEvent({ occurred_at: at(7) }))
        .when(aSucceededEvent({ occurred_at: at(5) }))
        .then({ status: 'SUCCESS', finished_at: at(7) });
    });
  });

  describe('rule 3: totals of the winning terminal event win, otherwise counts are summed', () => {
    it('should sum the counts of distinct resource events of each kind', () => {
      given(
        aResourceSucceededEvent({ data: { count: 2 } }),
        aResourceFailedEvent({ data: { count: 4 } }),
      )
        .when(aResourceSucceededEvent(), aResourceFailedEvent())
        .then({ success_count: 3, failure_count: 5 });
    });

    it('should use the totals carried by the winning terminal event', () => {
      given(aResourceSucceededEvent({ data: { count: 2 } }))
        .when(aSucceededEvent({ data: { success_count: 10, failure_count: 1 } }))
        .then({ success_count: 10, failure_count: 1 });
    });

    it('should sum a total the winning terminal event does not carry', () => {
      given(
        aResourceSucceededEvent({ data: { count: 2 } }),
        aResourceFailedEvent({ data: { count: 3 } }),
      )
        .when(aFailedEvent({ data: { success_count: 9 } }))
        .then({ success_count: 9, failure_count: 3 });
    });

    it('should ignore the totals of a losing terminal event', () => {
      given(aSucceededEvent({ occurred_at: at(9), data: { success_count: 1 } }))
        .when(aFailedEvent({ occurred_at: at(8), data: { success_count: 50, failure_count: 50 } }))
        .then({ status: 'SUCCESS', success_count: 1, failure_count: 0 });
    });

    it('should keep summing resource events that arrive after the terminal event when it carried no totals', () => {
      given(aSucceededEvent())
        .when(aResourceSucceededEvent({ data: { count: 4 } }))
        .then({ success_count: 4 });
    });
  });
});
