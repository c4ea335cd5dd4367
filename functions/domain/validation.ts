import type { z } from 'zod';
import { validationFailed, type FieldProblem } from './errors';

/** Turns every zod issue into a named field problem, so one 400 lists all that is wrong. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** Parses `input` with `schema` or throws a VALIDATION_FAILED error naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'The request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(fieldProblems(result.error), `${what} is not valid.`);
  return result.data;
}
