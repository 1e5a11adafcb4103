import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { RouteLabelGuard, routeOfRequest } from './route-label.guard';

class BaseTasks {
  @Get(['tasks/:id', 'task/:id'])
  one(): string {
    return '';
  }
}

@Controller('v1')
class TasksV1 extends BaseTasks {}

@Controller('v2')
class TasksV2 extends BaseTasks {}

function contextFor(controller: object, url: string): [ExecutionContext, IncomingMessage] {
  const req = { url } as IncomingMessage;
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req }),
    getClass: () => controller,
    getHandler: () => BaseTasks.prototype.one,
  } as unknown as ExecutionContext;
  return [context, req];
}

describe(RouteLabelGuard.name, () => {
  const sut = new RouteLabelGuard();

  it('should label with the matched template of the controller that serves the handler, on every request', () => {
    for (let i = 0; i < 2; i += 1) {
      const [v1, req1] = contextFor(TasksV1, '/v1/task/secret-1?x=y');
      const [v2, req2] = contextFor(TasksV2, '/v2/tasks/secret-2');
      expect(sut.canActivate(v1)).toBe(true);
      expect(sut.canActivate(v2)).toBe(true);
      expect(routeOfRequest.get(req1)).toBe('/v1/task/:id');
      expect(routeOfRequest.get(req2)).toBe('/v2/tasks/:id');
    }
  });

  it('should fall back to the first template, never the URL, when none matches', () => {
    const [context, req] = contextFor(TasksV1, '/elsewhere/secret');
    sut.canActivate(context);
    expect(routeOfRequest.get(req)).toBe('/v1/tasks/:id');
  });
});
