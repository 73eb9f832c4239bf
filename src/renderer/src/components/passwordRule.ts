import type { Rule } from 'antd/es/form';
import { passwordWeakness } from '../../../shared/domain/passwordPolicy';

/** The shared password-strength rule as a form rule: the form says what the server would refuse. */
export const strongPasswordRule: Rule = {
  validator: (_rule, value: unknown) => {
    const weakness = typeof value === 'string' && value !== '' ? passwordWeakness(value) : null;
    return weakness === null ? Promise.resolve() : Promise.reject(new Error(weakness));
  },
};
