import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { apiValidationPipe } from './api-validation.pipe';
import { ValidationError } from './domain-errors';

class ScheduleDto {
  @IsIn(['ONCE', 'PERIODIC'])
  frequency!: string;

  @IsInt()
  @Min(1)
  interval!: number;
}

class DeviceDto {
  @IsString()
  id!: string;
}

class JobDto {
  @IsString()
  jobName!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ScheduleDto)
  jobSchedule!: ScheduleDto;

  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => DeviceDto)
  devices!: DeviceDto[];

  @IsOptional()
  @IsString({ message: 'a description has to be text' })
  description?: string;
}

const BODY: ArgumentMetadata = { type: 'body', metatype: JobDto };

function validJob(): Record<string, unknown> {
  return {
    jobName: 'nightly',
    jobSchedule: { frequency: 'PERIODIC', interval: 60 },
    devices: [{ id: '100' }, { id: '200' }],
  };
}

/** Runs the pipe expecting it to refuse the body and returns the domain error it throws. */
async function refusal(body: unknown): Promise<ValidationError> {
  try {
    await apiValidationPipe().transform(body, BODY);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the pipe to refuse the body');
}

describe('apiValidationPipe', () => {
  it('turns a valid body into an instance of the DTO, nested objects included', async () => {
    const result: unknown = await apiValidationPipe().transform(validJob(), BODY);

    expect(result).toBeInstanceOf(JobDto);
    if (!(result instanceof JobDto)) return;
    expect(result.jobSchedule).toBeInstanceOf(ScheduleDto);
    expect(result.devices[1]).toBeInstanceOf(DeviceDto);
    expect(result.jobSchedule.interval).toBe(60);
  });

  it('throws the domain ValidationError, not an HTTP exception', async () => {
    const error = await refusal({ ...validJob(), jobName: 7 });

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.kind).toBe('validation');
    expect(error.messages).toEqual(['jobName must be a string']);
  });

  it('names a nested field by its full dotted path', async () => {
    const error = await refusal({
      ...validJob(),
      jobSchedule: { frequency: 'HOURLY', interval: 60 },
    });

    expect(error.messages).toEqual([
      'jobSchedule.frequency must be one of the following values: ONCE, PERIODIC',
    ]);
  });

  it('names fields inside an array element by path and index', async () => {
    const error = await refusal({ ...validJob(), devices: [{ id: '100' }, { id: 200 }] });

    expect(error.messages).toEqual(['devices.1.id must be a string']);
  });

  it('lists every problem, at every depth, as its own sentence', async () => {
    const error = await refusal({
      jobName: 7,
      jobSchedule: { frequency: 'HOURLY', interval: 0 },
      devices: [{ id: 1 }],
    });

    expect(error.messages).toEqual(
      expect.arrayContaining([
        'jobName must be a string',
        'jobSchedule.frequency must be one of the following values: ONCE, PERIODIC',
        'jobSchedule.interval must not be less than 1',
        'devices.0.id must be a string',
      ]),
    );
    expect(error.messages).toHaveLength(4);
    expect(error.message).toBe(error.messages.join(' '));
  });

  it('reports every constraint a nested field breaks', async () => {
    const error = await refusal({
      ...validJob(),
      jobSchedule: { frequency: 'ONCE', interval: 'x' },
    });

    expect(error.messages).toEqual(
      expect.arrayContaining([
        'jobSchedule.interval must be an integer number',
        'jobSchedule.interval must not be less than 1',
      ]),
    );
  });

  it('reports a missing nested object by its name', async () => {
    const body = validJob();
    delete body.jobSchedule;

    const error = await refusal(body);

    expect(error.messages).toEqual(['jobSchedule should not be null or undefined']);
  });

  it('keeps custom messages that do not start with the property name', async () => {
    const error = await refusal({ ...validJob(), description: 42 });

    expect(error.messages).toEqual(['a description has to be text']);
  });

  it('refuses properties the DTO does not declare', async () => {
    const error = await refusal({ ...validJob(), unexpected: true });

    expect(error.messages).toEqual(['property unexpected should not exist']);
  });

  it('names an undeclared nested property by its full dotted path', async () => {
    const error = await refusal({
      ...validJob(),
      jobSchedule: { frequency: 'PERIODIC', interval: 60, extra: 1 },
    });

    expect(error.messages).toEqual(['property jobSchedule.extra should not exist']);
  });
});
