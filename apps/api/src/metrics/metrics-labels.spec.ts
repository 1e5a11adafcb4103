import { endpointOf } from './elasticsearch.instrumentation';
import { matchedTemplate, routeTemplates } from './route-template';

describe('metric labels', () => {
  it('should join controller and handler paths into every declared template', () => {
    expect(
      routeTemplates(undefined, [
        'power_scheduler/v1/job-tasks/search',
        'power-scheduler/job-task/list',
      ]),
    ).toEqual(['/power_scheduler/v1/job-tasks/search', '/power-scheduler/job-task/list']);
    expect(routeTemplates(['a', '/b/'], 'c/:id')).toEqual(['/a/c/:id', '/b/c/:id']);
    expect(routeTemplates('', '')).toEqual(['/']);
  });

  it('should pick the template the URL matched, never the URL itself', () => {
    const templates = [
      '/power_scheduler/v1/job-tasks/search',
      '/power-scheduler/job-task/list',
      '/tasks/:id',
    ];
    expect(matchedTemplate(templates, '/power-scheduler/job-task/list?domain_id=d-secret')).toBe(
      '/power-scheduler/job-task/list',
    );
    expect(matchedTemplate(templates, '/tasks/domain-secret-42')).toBe('/tasks/:id');
    expect(matchedTemplate(templates, '/tasks/a/b')).toBe('/power_scheduler/v1/job-tasks/search');
    expect(matchedTemplate([], '/anything')).toBe('unmatched');
  });

  it('should answer the only template whatever the URL, and match again after compiling a pattern', () => {
    expect(matchedTemplate(['/metrics'], '/metrics?x=1')).toBe('/metrics');
    expect(matchedTemplate(['/tasks/:id'], '/somewhere/else')).toBe('/tasks/:id');
    const templates = ['/a.b/:id', '/a/:id'];
    for (let i = 0; i < 3; i += 1) {
      expect(matchedTemplate(templates, '/a/1')).toBe('/a/:id');
      expect(matchedTemplate(templates, '/a.b/1/')).toBe('/a.b/:id');
      expect(matchedTemplate(templates, '/aXb/1')).toBe('/a.b/:id'); // no match: the first, "." is literal
    }
  });

  it('should name Elasticsearch endpoints without index or alias names', () => {
    expect(endpointOf('/job-tasks/_search')).toBe('_search');
    expect(endpointOf('/_pit')).toBe('_pit');
    expect(endpointOf('/_cluster/health')).toBe('_cluster');
    expect(endpointOf('/job-tasks-v1/_doc/domain-1:task-1')).toBe('_doc');
    expect(endpointOf('/job-tasks')).toBe('document');
  });
});
