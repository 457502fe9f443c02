import { MESSAGES, type MessageIdOf } from '../src/core/messages.js';
import { RULE_POLICIES } from '../src/core/policy.js';
import { createRule } from '../src/plugin/create-rule.js';
import { reportFindings, SUGGESTION_MESSAGE } from '../src/plugin/report-finding.js';

const policy = RULE_POLICIES['no-weak-db-auth'];

type Options = [];
type MessageId = MessageIdOf<'no-weak-db-auth'> | keyof typeof SUGGESTION_MESSAGE;

/**
 * Server-side authentication (pg_hba.conf, postgresql.conf, the postgres image's
 * `POSTGRES_HOST_AUTH_METHOD`): files that only the secure-db languages read, so the rule
 * is in the `*-all-files` configs and reports nothing in JavaScript.
 */
export default createRule<Options, MessageId>({
  name: 'no-weak-db-auth',
  meta: {
    type: 'problem',
    docs: { description: policy.description, recommended: 'recommended' },
    messages: { ...MESSAGES['no-weak-db-auth'], ...SUGGESTION_MESSAGE },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const report = (): void => {
      reportFindings(context, 'no-weak-db-auth');
    };
    return { 'Program:exit': report, 'ConfigFile:exit': report };
  },
});
