import type {
  AggregateGroupFieldMessage,
  AggregateGroupKeyMessage,
  JobTaskStatQueryMessage,
  StatisticsAggregateMessage,
  StatisticsQueryMessage,
} from './job-task.messages';
import { aliased, compact, givenFlag, givenList, givenNumber, givenText } from './proto3-fields';
import { filtersToJson } from './query.converter';

function groupKeyToJson(key: AggregateGroupKeyMessage): Record<string, unknown> {
  return compact({
    ...aliased('key', 'k', givenText(key.key), givenText(key.k)),
    ...aliased('name', 'n', givenText(key.name), givenText(key.n)),
    date_format: givenText(key.date_format),
  });
}

// `value` and `date_format` of a group field are passed on (not dropped) so that the parser
// rejects them by name exactly as it does over REST, instead of silently ignoring them.
function groupFieldToJson(field: AggregateGroupFieldMessage): Record<string, unknown> {
  return compact({
    ...aliased('key', 'k', givenText(field.key), givenText(field.k)),
    ...aliased('name', 'n', givenText(field.name), givenText(field.n)),
    ...aliased('operator', 'o', givenText(field.operator), givenText(field.o)),
    ...aliased('value', 'v', givenText(field.value), givenText(field.v)),
    date_format: givenText(field.date_format),
  });
}

function aggregateToJson(aggregate: StatisticsAggregateMessage): Record<string, unknown> {
  const group = aggregate.group;
  return compact({
    unwind: givenList(aggregate.unwind)?.map((u) => compact({ path: givenText(u.path) })),
    group: group
      ? compact({
          keys: givenList(group.keys)?.map(groupKeyToJson),
          fields: givenList(group.fields)?.map(groupFieldToJson),
        })
      : undefined,
    count: aggregate.count ? compact({ name: givenText(aggregate.count.name) }) : undefined,
  });
}

/** Format A StatisticsQuery → the `query` object of a JobTaskStatQuery JSON body. */
export function statisticsQueryToJson(query: StatisticsQueryMessage): Record<string, unknown> {
  return compact({
    filter: filtersToJson(query.filter),
    filter_or: filtersToJson(query.filter_or),
    keyword: givenText(query.keyword),
    aggregate: query.aggregate ? aggregateToJson(query.aggregate) : undefined,
    sort: query.sort
      ? compact({ name: givenText(query.sort.name), desc: givenFlag(query.sort.desc) })
      : undefined,
    page: query.page
      ? compact({ start: givenNumber(query.page.start), limit: givenNumber(query.page.limit) })
      : undefined,
    limit: givenNumber(query.limit),
    distinct: givenText(query.distinct),
  });
}

export function jobTaskStatQueryToBody(message: JobTaskStatQueryMessage): Record<string, unknown> {
  return compact({
    query: message.query ? statisticsQueryToJson(message.query) : undefined,
    domain_id: givenText(message.domain_id),
  });
}
