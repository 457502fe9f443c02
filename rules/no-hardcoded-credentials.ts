import { MESSAGES, type MessageIdOf } from '../src/core/messages.js';
import { RULE_POLICIES } from '../src/core/policy.js';
import { createRule } from '../src/plugin/create-rule.js';
import { reportFindings, SUGGESTION_MESSAGE } from '../src/plugin/report-finding.js';

const policy = RULE_POLICIES['no-hardcoded-credentials'];

type Options = [];
type MessageId = MessageIdOf<'no-hardcoded-credentials'> | keyof typeof SUGGESTION_MESSAGE;

export default createRule<Options, MessageId>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: { description: policy.description, recommended: 'recommended' },
    messages: { ...MESSAGES['no-hardcoded-credentials'], ...SUGGESTION_MESSAGE },

    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const report = (): void => {
      reportFindings(context, 'no-hardcoded-credentials');
    };
    // `Program` in JavaScript, `ConfigFile` in the secure-db languages (.env, YAML, …).
    return { 'Program:exit': report, 'ConfigFile:exit': report };
  },
});
