import type { ActorKind } from './actor.ts';
import { actorKinds } from './actor.ts';

/** 'public': no login needed; else the actor kinds that may call the route. */
export type Access = 'public' | readonly ActorKind[];

export const everyone = actorKinds;
export const bureaus: readonly ActorKind[] = ['bureau-province', 'bureau-city', 'bureau-county'];
export const reviewersOfPeople: readonly ActorKind[] = ['unit', 'authority', ...bureaus];
