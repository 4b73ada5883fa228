import { ApiProperty } from '@nestjs/swagger';

export class ApplyResponseDto {
  /** @example DecisionTreeClassifier */
  model!: string;

  // A map per record whose keys are the model's fields: written by hand, as the plugin cannot.
  @ApiProperty({
    description:
      'One object per record, in input order: every target and output field of the model. A missing result, a number that is not finite and every field of a record that could not be scored (batches only) are null.',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ Species: 'setosa', Probability_setosa: 0.98, Probability_versicolor: 0.02 }],
  })
  outputs!: Record<string, unknown>[];
}

export class GroupApplyResponseDto {
  /** @example IrisModels */
  group!: string;

  @ApiProperty({
    description:
      "One object per record, in input order: per member model (in the group's order) an object of its results, as `POST /apply/{model}` gives them.",
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: true },
    },
    example: [
      {
        IrisTree: { Species: 'setosa', Probability_setosa: 1 },
        IrisLogistic: { Species: 'setosa', Probability_setosa: 0.98 },
      },
    ],
  })
  outputs!: Record<string, Record<string, unknown>>[];
}
