import * as z from 'zod';

/** An AWS region code; its own module so that reading the environment does not load the whole policy schema. */
export const RegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/, 'must be an AWS region code such as eu-central-1');
