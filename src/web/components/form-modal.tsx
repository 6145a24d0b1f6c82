import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';

interface FormModalProps<Values> {
  open: boolean;
  title: ReactNode;
  okText: string;
  cancelText: string;
  onClose: () => void;
  /** The form's name, which prefixes the ids of its fields. */
  name: string;
  initialValues?: Partial<Values>;
  okDisabled?: boolean;
  /** Saves valid values and closes the modal; a failure it throws goes to `showErrors`. */
  onSubmit: (values: Values, form: FormInstance<Values>) => Promise<void>;
  /** Puts a failure's field errors on the form; answers the text to show as a message, or null. */
  showErrors: (form: FormInstance<Values>, error: unknown) => string | null;
  children: ReactNode;
}

/**
 * A modal that is one form: OK (or Enter in a field) validates and submits it, the button spins
 * while `onSubmit` runs, and the form is emptied each time the modal closes.
 */
export function FormModal<Values>({
  open,
  title,
  okText,
  cancelText,
  onClose,
  name,
  initialValues,
  okDisabled,
  onSubmit,
  showErrors,
  children,
}: FormModalProps<Values>) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await onSubmit(values, form);
    } catch (e) {
      const text = showErrors(form, e);
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={cancelText}
      onCancel={onClose}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      okButtonProps={{ htmlType: 'submit', loading: saving, disabled: okDisabled }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          name={name}
          layout="vertical"
          clearOnDestroy
          initialValues={initialValues}
          onFinish={submit}
        >
          {dom}
        </Form>
      )}
    >
      {children}
    </Modal>
  );
}
