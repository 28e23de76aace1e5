import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Actor } from '../../platform/actor.ts';
import { digestOf } from '../../platform/audit.ts';
import { actorOf } from '../../platform/authentication.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { scrubText } from '../../platform/logging.ts';
import { IdParams, problemResponses } from '../../platform/schemas.ts';
import { findSealedIdentifiers } from './repository.ts';

// PIPL / SPEC "Privacy": answers carry masked identifiers; the full ID number and phone are shown only
// to the person themself, their unit's admins and the bureaus over them (matrix + scope), each time
// with a stated reason that the audit event keeps. The values never go into a URL or a log line.

const MIN_REASON = 4;

export async function revealPerson(deps: Deps, options: { actor: Actor; id: string; reason: string; requestId: string }) {
  const { actor } = options;
  // The reason is stored in clear: anything in it that looks like an ID number or a phone is masked first.
  const reason = scrubText(options.reason.normalize('NFKC').trim());
  if ([...reason].length < MIN_REASON) {
    throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.reason', message: `请填写查看原因（至少 ${MIN_REASON} 个字）` }] });
  }
  const allowed = ['person', 'unit', 'bureau', 'province'].includes(actor.scope.kind);
  const row = allowed ? await findSealedIdentifiers(deps.handle.db, { scope: actor.scope, id: options.id }) : undefined;
  if (!row) throw notFound('未找到该人员');

  const idNumber = deps.pii.decrypt(row.id_number_enc);
  const phone = row.phone_enc ? deps.pii.decrypt(row.phone_enc) : null;
  const now = deps.now();
  // The event is written before anything is answered: no reveal without its trace.
  await deps.handle.db.insertInto('audit_events').values({
    at: now.toISOString(), actor_account_id: actor.accountId, actor_role: actor.kind, action: 'person.revealed',
    object_type: 'person', object_id: row.id, before_digest: null, after_digest: digestOf({ fields: ['idNumber', 'phone'] }),
    request_id: options.requestId, note: reason,
  }).execute();
  return { idNumber, phone };
}

export const revealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  app.post('/api/v1/persons/:id/reveal', {
    schema: {
      tags: ['人员'],
      summary: '查看完整身份证号和手机号（须填写原因，记入审计）',
      params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: MIN_REASON, maxLength: 200, description: '查看原因（至少 4 个字）' }) }),
      response: {
        200: Type.Object({ idNumber: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }),
        ...problemResponses,
      },
    },
  }, async (request) => revealPerson(deps, { actor: actorOf(request), id: request.params.id, reason: request.body.reason, requestId: request.id }));
};
