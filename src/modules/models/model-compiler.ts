import { Injectable } from '@nestjs/common';
import {
  compilePmml,
  type CompiledPmml,
  type DataType,
  type FieldDescription,
  INVALID_XML_MESSAGE,
  PmmlError,
} from '@scorecast/pmml';
import { ValidationError } from '../../core/errors/domain-errors';
import type { ModelFieldInfo } from './model-version.entity';

// dateDaysSince[1970] → DATE_DAYS_SINCE_1970, dateTime → DATE_TIME: the names of JPMML's
// DataType enum, which Zementis showed.
function typeName(dataType: DataType): string {
  return dataType
    .replace(/\[(\d+)\]/g, '_$1')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
}

const inputInfo = (field: FieldDescription): ModelFieldInfo => ({
  usage: field.usageType,
  name: field.name,
  type: typeName(field.dataType),
});

/** The engine as the models module uses it: compile, with failures as validation errors. */
@Injectable()
export class ModelCompiler {
  /** Compiles a PMML text; an unusable document is a ValidationError with the engine's message. */
  compile(text: string): CompiledPmml {
    try {
      return compilePmml(text);
    } catch (error) {
      if (!(error instanceof PmmlError)) throw error;
      // "Invalid XML format." stays the first message on its own, as clients compare it.
      if (error.code === 'INVALID_XML') {
        const reason = error.message.slice(INVALID_XML_MESSAGE.length).trim();
        throw new ValidationError(reason ? [INVALID_XML_MESSAGE, reason] : INVALID_XML_MESSAGE);
      }
      throw new ValidationError(error.message);
      throw error;
    }
  }

  inputFields(model: CompiledPmml): ModelFieldInfo[] {
    return model.inputFields.map(inputInfo);
  }

  /** Targets as `predicted`, then every OutputField as `output`. */
  outputFields(model: CompiledPmml): ModelFieldInfo[] {
    return [
      ...model.targetFields.map((field) => ({
        usage: 'predicted',
        name: field.name,
        type: typeName(field.dataType),
      })),
      ...model.outputFields.map((field) => ({
        usage: 'output',
        name: field.name,
        type: typeName(field.dataType),
      })),
    ];
  }
}
