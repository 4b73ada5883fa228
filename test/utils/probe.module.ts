import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../../src/core/security/access.decorators';

class ProbeBodyDto {
  @IsString()
  @MaxLength(10)
  name!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  count!: number;
}

export const SLOW_PROBE_MS = 400;

// Probe routes mounted beside the real ones, to exercise guards, validation and the error
// filter before the feature modules that will use them exist.
@Controller('probe')
class ProbeController {
  @Roles('ADMIN')
  @Get('admin')
  admin(): { ok: true } {
    return { ok: true };
  }

  @Roles('READ')
  @Get('read')
  read(): { ok: true } {
    return { ok: true };
  }

  @Get('undeclared')
  undeclared(): { ok: true } {
    return { ok: true };
  }

  @Roles('ADMIN')
  @Post('echo')
  echo(@Body() body: ProbeBodyDto): ProbeBodyDto {
    return body;
  }

  @Roles('READ')
  @Get('crash')
  crash(): never {
    throw new Error('probe failure with internal detail');
  }

  @Roles('READ')
  @Get('slow')
  async slow(): Promise<{ ok: true }> {
    await new Promise((resolve) => setTimeout(resolve, SLOW_PROBE_MS));
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
