import { invalidPmml } from '../errors';
import type { EvalContext, Evaluator, SlotLayout } from '../fields/eval-context';
import { FieldScope } from '../fields/field-scope';
import { BUILTIN_FUNCTIONS } from '../functions/builtin-functions';
import type { PmmlFunction } from '../functions/pmml-function';
import { castValue } from '../values/parse-value';
import { DATA_TYPES, OP_TYPES, defaultOpType, type DataType, type Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import type { ExpressionCompiler } from './compile-expression';

/** Something Apply can call: a built-in or one of the document's DefineFunctions. */
export interface CallableFunction {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly propagatesMissing: boolean;
  readonly dataType?: DataType;
  call(args: readonly Value[], context: EvalContext): Value;
  /** Built-ins: chooses the implementation for one call site (see PmmlFunction.bind). */
  readonly bind?: PmmlFunction['bind'];
}

interface UserFunction extends CallableFunction {
  readonly element: XmlElement;
  body?: Evaluator;
  readonly parameterSlots: number[];
  readonly parameterTypes: (DataType | undefined)[];
}

/**
 * The functions a document can call. DefineFunctions are compiled after all are declared,
 * so they may call each other in any order; recursion is refused (PMML has no use for it and
 * it would never terminate).
 */
export class FunctionTable {
  private readonly userFunctions = new Map<string, UserFunction>();
  private readonly calls = new Map<string, Set<string>>();
  private compilingFunction: string | undefined;
  private compilingParameters: ReadonlySet<string> = new Set();

  constructor(private readonly layout: SlotLayout) {}

  declare(definitions: readonly XmlElement[]): void {
    for (const element of definitions) {
      const name = element.requiredAttr('name');
      if (this.userFunctions.has(name)) {
        throw invalidPmml(`${element.where}: the function "${name}" is defined twice.`);
      }
      this.userFunctions.set(name, this.declareOne(element, name));
    }
  }

  /** Compiles every DefineFunction body; call once all are declared. */
  compileBodies(compiler: ExpressionCompiler): void {
    for (const fn of this.userFunctions.values()) {
      const scope = new FieldScope(this.layout);
      fn.element.childrenNamed('ParameterField').forEach((parameter, index) => {
        const dataType = fn.parameterTypes[index] ?? 'double';
        scope.define({
          name: parameter.requiredAttr('name'),
          dataType,
          opType: parameter.enumAttr('optype', OP_TYPES) ?? defaultOpType(dataType),
          slot: fn.parameterSlots[index],
          origin: 'derived',
        });
      });
      this.compilingFunction = fn.name;
      this.compilingParameters = new Set(
        fn.element
          .childrenNamed('ParameterField')
          .map((parameter) => parameter.requiredAttr('name')),
      );
      try {
        fn.body = compiler.compileChild(fn.element, scope).evaluate;
      } finally {
        this.compilingFunction = undefined;
        this.compilingParameters = new Set();
      }
    }
    this.refuseRecursion();
  }

  /** Within a DefineFunction body: the parameter names, for the SAS Constant quirk. */
  isCompilingFunctionBody(): boolean {
    return this.compilingFunction !== undefined;
  }

  /** Whether `name` is a ParameterField of the DefineFunction whose body is being compiled. */
  isParameterOfFunctionBody(name: string): boolean {
    return this.compilingParameters.has(name);
  }

  resolve(name: string, where: string): CallableFunction {
    const user = this.userFunctions.get(name);
    if (user) {
      if (this.compilingFunction !== undefined) {
        const callees = this.calls.get(this.compilingFunction) ?? new Set<string>();
        callees.add(name);
        this.calls.set(this.compilingFunction, callees);
      }
      return user;
    }
    const builtin = BUILTIN_FUNCTIONS.get(name);
    if (builtin) {
      return {
        name,
        minArgs: builtin.minArgs,
        maxArgs: builtin.maxArgs,
        propagatesMissing: builtin.propagatesMissing,
        call: (args) => builtin.apply(args),
        bind: builtin.bind,
      };
    }
    throw invalidPmml(
      `${where}: the function "${name}" is neither built in nor defined by a DefineFunction.`,
    );
  }

  private declareOne(element: XmlElement, name: string): UserFunction {
    const parameters = element.childrenNamed('ParameterField');
    const parameterSlots = parameters.map(() => this.layout.allocate());
    const parameterTypes = parameters.map((parameter) =>
      parameter.enumAttr('dataType', DATA_TYPES),
    );
    const dataType = element.enumAttr('dataType', DATA_TYPES);
    const fn: UserFunction = {
      name,
      element,
      minArgs: parameters.length,
      maxArgs: parameters.length,
      propagatesMissing: false,
      dataType,
      parameterSlots,
      parameterTypes,
      call(args, context) {
        for (let index = 0; index < parameterSlots.length; index++) {
          const type = parameterTypes[index];
          context.set(
            parameterSlots[index],
            type === undefined ? args[index] : castValue(args[index], type),
          );
        }
        const result = (fn.body as Evaluator)(context);
        if (dataType === undefined) return result;
        return castValue(result, dataType);
      },
    };
    return fn;
  }

  private refuseRecursion(): void {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) {
        throw invalidPmml(
          `DefineFunction "${name}" calls itself, directly or through other functions.`,
        );
      }
      visiting.add(name);
      for (const callee of this.calls.get(name) ?? []) visit(callee);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of this.userFunctions.keys()) visit(name);
  }
}
