import { MESSAGES, type MessageIdOf } from '../src/core/messages.js';
import { RULE_POLICIES } from '../src/core/policy.js';
import { createRule } from '../src/plugin/create-rule.js';
import { reportFindings, SUGGESTION_MESSAGE } from '../src/plugin/report-finding.js';

const policy = RULE_POLICIES['no-weak-sslmode'];

type Options = [{ minimum?: 'require' | 'verify-ca' | 'verify-full' }];
type MessageId = MessageIdOf<'no-weak-sslmode'> | keyof typeof SUGGESTION_MESSAGE;

export default createRule<Options, MessageId>({
  name: 'no-weak-sslmode',
  meta: {
    type: 'problem',
    docs: { description: policy.description, recommended: 'recommended' },
    messages: { ...MESSAGES['no-weak-sslmode'], ...SUGGESTION_MESSAGE },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          minimum: {
            type: 'string',
            enum: ['require', 'verify-ca', 'verify-full'],
            description:
              'The lowest sslmode accepted outside development; overrides settings["secure-db"].minimumSslmode.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const report = (): void => {
      reportFindings(
        context,
        'no-weak-sslmode',
        options.minimum ? { minimumSslmode: options.minimum } : {},
      );
    };
    // `Program` in JavaScript, `ConfigFile` in the secure-db languages (.env, YAML, …).
    return { 'Program:exit': report, 'ConfigFile:exit': report };
  },
});
