import { GlobalOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Result, Spin, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '../app/format';
import { applyLanguage } from '../components/language-switch';
import type { Lang } from '../i18n';
import {
  type LinkProblem,
  linkProblemOf,
  type PublicSurvey,
  usePublicSurvey,
  useSubmitPublicSurvey,
} from '../modules/surveys/api';
import { ScoreScale } from '../modules/surveys/components/score-scale';

interface PublicFormValues {
  answers: Record<string, { expected?: number; perceived?: number }>;
  texts?: Record<string, string | undefined>;
}

/** 中文 ⇄ English for the customer, kept on this phone only (there is no account to keep it in). */
function LanguageToggle() {
  const { t, i18n } = useTranslation('surveys');
  const next: Lang = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      size="large"
      icon={<GlobalOutlined />}
      lang={next}
      title={t('public.language')}
      onClick={() => void applyLanguage(next)}
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}

/** Why the survey cannot be answered, as a page of its own. */
function ProblemPage({ problem, onRetry }: { problem: LinkProblem | 'failed'; onRetry?: () => void }) {
  const { t } = useTranslation('surveys');
  const status = problem === 'link_used' || problem === 'already_responded' ? 'info' : 'warning';
  return (
    <Result
      status={status}
      title={<span role="alert">{t(`public.problem.${problem}.title`)}</span>}
      subTitle={t(`public.problem.${problem}.text`)}
      extra={
        onRetry && (
          <Button size="large" onClick={onRetry}>
            {t('public.retry')}
          </Button>
        )
      }
    />
  );
}

function SurveyForm({
  survey,
  token,
  onDone,
  onProblem,
}: {
  survey: PublicSurvey;
  token: string;
  onDone: () => void;
  onProblem: (p: LinkProblem) => void;
}) {
  const { t } = useTranslation('surveys');
  const { token: design } = theme.useToken();
  const [form] = Form.useForm<PublicFormValues>();
  const submit = useSubmitPublicSurvey(token);
  const [failed, setFailed] = useState<string | null>(null);
  const [missing, setMissing] = useState(0);
  const answers = Form.useWatch('answers', form);
  const answered = survey.items.filter(
    (i) => answers?.[i.key]?.expected && answers?.[i.key]?.perceived,
  ).length;

  const send = async (values: PublicFormValues) => {
    setFailed(null);
    setMissing(0);
    try {
      await submit.mutateAsync({
        answers: survey.items.map((item) => ({
          item: item.key,
          expected: values.answers[item.key]!.expected!,
          perceived: values.answers[item.key]!.perceived!,
        })),
        texts: survey.questions
          .map((q) => ({ question: q.key, text: values.texts?.[q.key]?.trim() ?? '' }))
          .filter((x) => x.text !== ''),
      });
      onDone();
    } catch (e) {
      const problem = linkProblemOf(e);
      if (problem) onProblem(problem);
      else setFailed(t('public.submitFailed'));
    }
  };

  const scoreRule = { required: true, message: t('public.scoreRequired') };
  let n = 0;

  return (
    <Form<PublicFormValues>
      form={form}
      name="public-survey"
      layout="vertical"
      size="large"
      scrollToFirstError={{ block: 'center' }}
      onFinish={(v) => void send(v)}
      onFinishFailed={({ errorFields }) => setMissing(errorFields.length)}
    >
      <Flex vertical gap="middle">
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {survey.title}
          </Typography.Title>
          {survey.description && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {survey.description}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph>{t('public.intro')}</Typography.Paragraph>
          <Flex vertical gap={4}>
            <Typography.Text>
              <Typography.Text strong>{t('score.expected')}</Typography.Text>
              {t('public.expectedMeans')}
            </Typography.Text>
            <Typography.Text>
              <Typography.Text strong>{t('score.perceived')}</Typography.Text>
              {t('public.perceivedMeans')}
            </Typography.Text>
            <Typography.Text type="secondary">{t('public.scale')}</Typography.Text>
            <Typography.Text type="secondary">
              {t('public.expires', { at: formatDateTime(survey.expiresAt) })}
            </Typography.Text>
          </Flex>
        </Card>

        {survey.dimensions.map((dim) => {
          const items = survey.items.filter((i) => i.dimension === dim.key);
          if (items.length === 0) return null;
          return (
            <Card key={dim.key} title={dim.name} styles={{ body: { paddingTop: design.paddingSM } }}>
              {items.map((item) => {
                n += 1;
                return (
                  <fieldset
                    key={item.key}
                    style={{ border: 0, margin: 0, padding: 0, marginBottom: design.marginLG }}
                  >
                    <legend style={{ marginBottom: design.marginSM }}>
                      <Typography.Text strong style={{ fontSize: design.fontSizeLG }}>
                        {`${n}. ${item.text}`}
                      </Typography.Text>
                    </legend>
                    <Form.Item
                      name={['answers', item.key, 'expected']}
                      label={t('public.expectedLabel')}
                      rules={[scoreRule]}
                      style={{ marginBottom: design.marginSM }}
                    >
                      <ScoreScale large showEnds label={t('score.expectedOf', { item: item.text })} />
                    </Form.Item>
                    <Form.Item
                      name={['answers', item.key, 'perceived']}
                      label={t('public.perceivedLabel')}
                      rules={[scoreRule]}
                      style={{ marginBottom: 0 }}
                    >
                      <ScoreScale large showEnds label={t('score.perceivedOf', { item: item.text })} />
                    </Form.Item>
                  </fieldset>
                );
              })}
            </Card>
          );
        })}

        {survey.questions.length > 0 && (
          <Card title={t('public.questions')}>
            {survey.questions.map((q) => (
              <Form.Item key={q.key} name={['texts', q.key]} label={q.text} rules={[{ max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
              </Form.Item>
            ))}
          </Card>
        )}

        {missing > 0 && answered < survey.items.length && (
          <Alert type="error" showIcon role="alert" title={t('public.missing')} />
        )}
        {failed && <Alert type="error" showIcon role="alert" title={failed} />}
        <Typography.Text type="secondary" role="status" aria-live="polite" style={{ textAlign: 'center' }}>
          {t('public.progress', { answered, total: survey.items.length })}
        </Typography.Text>
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
          {t('public.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/**
 * The customer's survey at /s/:token, opened from a one-time link on their phone: no sign-in, no
 * menu, nothing of the bank's data; Chinese unless they switch. It talks to the public endpoints
 * only — never through the app's client, whose answer to a 401 is the sign-in page.
 */
export default function PublicSurveyPage() {
  const { t } = useTranslation('surveys');
  const { token: design } = theme.useToken();
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<LinkProblem | null>(null);

  useEffect(() => {
    document.title = survey.data?.title ?? t('public.docTitle');
  }, [survey.data, t]);

  const loadProblem = survey.error ? (linkProblemOf(survey.error) ?? 'failed') : null;
  const shown = problem ?? loadProblem;

  return (
    <div style={{ minHeight: '100vh', background: design.colorBgLayout }}>
      <main
        style={{
          maxWidth: 640,
          margin: '0 auto',
          padding: `${design.paddingSM}px ${design.paddingSM}px ${design.paddingXL}px`,
        }}
      >
        <Flex justify="space-between" align="center" style={{ marginBottom: design.marginSM }}>
          <Typography.Text strong style={{ fontSize: design.fontSizeLG }}>
            {t('public.heading')}
          </Typography.Text>
          <LanguageToggle />
        </Flex>
        {done ? (
          <Card>
            <Result
              status="success"
              title={<span role="status">{t('public.thanks')}</span>}
              subTitle={t('public.thanksText')}
            />
          </Card>
        ) : shown ? (
          <Card>
            <ProblemPage
              problem={shown}
              onRetry={shown === 'failed' ? () => void survey.refetch() : undefined}
            />
          </Card>
        ) : survey.data ? (
          <SurveyForm
            survey={survey.data}
            token={token}
            onDone={() => {
              setDone(true);
              window.scrollTo(0, 0);
            }}
            onProblem={(p) => {
              setProblem(p);
              window.scrollTo(0, 0);
            }}
          />
        ) : (
          <Flex justify="center" style={{ padding: design.paddingXL }}>
            <Spin size="large" />
          </Flex>
        )}
      </main>
    </div>
  );
}
