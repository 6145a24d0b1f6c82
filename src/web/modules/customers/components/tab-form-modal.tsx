import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { applyServerErrors } from './validation';

interface TabFormModalProps<Values> {
  open: boolean;
  title: ReactNode;
  /** The tab's form, which it fills before opening the modal; it stays mounted while closed. */
  form: FormInstance<Values>;
  name: string;
  /** The form's fields, which take the server's problems with them. */
  fields: readonly string[];
  /** Saves valid values and closes the modal; a failure it throws is shown in the modal. */
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
  /** Shown when the save answers that someone else changed the record since it was read. */
  staleMessage?: string;
  initialValues?: Partial<Values>;
  validateTrigger?: string | string[];
  width?: number;
  children: ReactNode;
}

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  opacity: 0,
  pointerEvents: 'none',
} as const;

/**
 * The add/edit modal of a customer tab: Save validates the form and calls `onSubmit`; the problems
 * the server names on a field show under it, the others in an alert above the form.
 */
export function TabFormModal<Values>({
  open,
  title,
  form,
  name,
  fields,
  onSubmit,
  onClose,
  staleMessage,
  initialValues,
  validateTrigger,
  width,
  children,
}: TabFormModalProps<Values>) {
  const { t } = useTranslation('customer360');
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (e) {
      if (staleMessage && e instanceof ApiError && e.status === 409 && e.code === 'stale_version')
        setProblems([staleMessage]);
      else setProblems(applyServerErrors(t, form, e, fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      afterClose={() => setProblems([])}
      width={width}
      forceRender
    >
      <Form<Values>
        name={name}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        validateTrigger={validateTrigger}
        onFinish={() => void submit()}
      >
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problems.join('；')}
            style={{ marginBottom: 16 }}
          />
        )}
        {children}
        {/* Enter in a field saves, as in every other form: a form submits on Enter only with a submit button. */}
        <button type="submit" tabIndex={-1} aria-hidden style={VISUALLY_HIDDEN} />
      </Form>
    </Modal>
  );
}
