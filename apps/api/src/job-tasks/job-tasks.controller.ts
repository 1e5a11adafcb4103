import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiKeyGuard, CurrentCaller } from '../auth/api-key.guard';
import type { Caller } from '../auth/domain-access';
import { abortedWhenResponseCloses } from './caller-gone.signal';
import { listParamsFromUrl } from './list-params-from-url';
import { JobTasksService } from './job-tasks.service';

// The answers are sent as their JSON text (JsonAnswer): serialised once, a cache hit not at all.
const JSON_TYPE = 'application/json; charset=utf-8';

// Each handler takes the response (passthrough: Nest still sends what it returns) only to see the
// client leave, so that the searches of the request are aborted with it.

@Controller()
@UseGuards(ApiKeyGuard)
export class JobTasksController {
  constructor(private readonly jobTasks: JobTasksService) {}

  @Get('power_scheduler/v1/job-tasks')
  @Header('content-type', JSON_TYPE)
  async listFromUrl(
    @Query() params: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentCaller() caller: Caller,
  ) {
    const at = req.url.indexOf('?');
    const search = at < 0 ? '' : req.url.slice(at + 1);
    const signal = abortedWhenResponseCloses(res);
    return (
      await this.jobTasks.listAnswer(listParamsFromUrl(params, search), caller, signal)
    ).text();
  }

  @Post(['power_scheduler/v1/job-tasks/search', 'power-scheduler/job-task/list'])
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async list(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
    @CurrentCaller() caller: Caller,
  ) {
    return (await this.jobTasks.listAnswer(body, caller, abortedWhenResponseCloses(res))).text();
  }

  @Post(['power_scheduler/v1/job-tasks/stat', 'power-scheduler/job-task/stat'])
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async stat(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
    @CurrentCaller() caller: Caller,
  ) {
    return (await this.jobTasks.statAnswer(body, caller, abortedWhenResponseCloses(res))).text();
  }
}
