import 'reflect-metadata';
import { status } from '@grpc/grpc-js';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { lastValueFrom, type Observable, of, throwError } from 'rxjs';
import { ClientClosedRequestError, PermissionDeniedError } from '../errors/api-error';
import { ApiMetrics } from './api.metrics';
import { GrpcRequestInterceptor } from './grpc-request.interceptor';
import { recordedStatuses, rejectedCodes } from '../../test/api-metrics.readings';

function list(): void {}
Reflect.defineMetadata(PATTERN_METADATA, [{ service: 'JobTask', rpc: 'list' }], list);

interface FakeCall {
  cancelled: boolean;
  getDeadline(): number;
}

function rpcContext(call: FakeCall): ExecutionContext {
  return {
    getType: () => 'rpc',
    getHandler: () => list,
    getArgByIndex: (index: number) => (index === 2 ? call : undefined),
  } as unknown as ExecutionContext;
}

function setup() {
  const metrics = new ApiMetrics();
  const sut = new GrpcRequestInterceptor(metrics);
  const run = (call: FakeCall, answer: Observable<unknown>) =>
    lastValueFrom(sut.intercept(rpcContext(call), { handle: () => answer } as CallHandler));
  const recorded = () => recordedStatuses(metrics);
  const rejected = () => rejectedCodes(metrics);
  return { run, recorded, rejected };
}

const waiting = (): FakeCall => ({ cancelled: false, getDeadline: () => Infinity });
const cancelled = (): FakeCall => ({ cancelled: true, getDeadline: () => Infinity });
const pastDeadline = (): FakeCall => ({ cancelled: true, getDeadline: () => Date.now() - 10 });

describe(GrpcRequestInterceptor.name, () => {
  it('should record an answered call as OK', async () => {
    const { run, recorded, rejected } = setup();
    await run(waiting(), of({ total_count: 0 }));
    expect(await recorded()).toEqual(['OK x1']);
    expect(await rejected()).toEqual([]);
  });

  it('should record a refused call by its status and error code', async () => {
    const { run, recorded, rejected } = setup();
    await expect(
      run(
        waiting(),
        throwError(() => new PermissionDeniedError('d2')),
      ),
    ).rejects.toThrow();
    expect(await recorded()).toEqual(['PERMISSION_DENIED x1']);
    expect(await rejected()).toEqual(['ERROR_PERMISSION_DENIED x1']);
  });

  it('should not record a call its client cancelled as OK, even when an answer was computed', async () => {
    const { run, recorded, rejected } = setup();
    await run(cancelled(), of({ total_count: 0 }));
    expect(await recorded()).toEqual(['CANCELLED x1']);
    expect(await rejected()).toEqual(['ERROR_CLIENT_CLOSED_REQUEST x1']);
  });

  it('should record a call aborted past its deadline as DEADLINE_EXCEEDED', async () => {
    const { run, recorded } = setup();
    await expect(
      run(
        pastDeadline(),
        throwError(() => new ClientClosedRequestError()),
      ),
    ).rejects.toBeInstanceOf(ClientClosedRequestError);
    expect(await recorded()).toEqual([`${status[status.DEADLINE_EXCEEDED]} x1`]);
  });

  it('should record an abandoned call that failed otherwise as abandoned, not by its failure', async () => {
    const { run, recorded } = setup();
    await expect(
      run(
        cancelled(),
        throwError(() => new TypeError('late bug')),
      ),
    ).rejects.toThrow();
    expect(await recorded()).toEqual(['CANCELLED x1']);
  });
});
