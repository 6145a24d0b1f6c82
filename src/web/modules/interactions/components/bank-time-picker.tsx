import { DatePicker, type DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { bankNow } from '../bank-time';

/** A date and time on the bank's clock, to the minute, never after today (Form.Item gives value and onChange). */
export function BankTimePicker(props: DatePickerProps) {
  return (
    <DatePicker
      {...props}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      disabledDate={(d: Dayjs) => d.isAfter(bankNow(), 'day')}
      allowClear={false}
    />
  );
}
