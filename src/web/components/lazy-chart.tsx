import { Empty, Skeleton } from 'antd';
import type { ECElementEvent, ECharts, EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// An ECharts chart that loads the library on first use with a dynamic import, so it stays out of
// the initial bundle (ARCHITECTURE: charts load lazily). Every chart of the UI draws through it.

interface LazyChartProps {
  /** Built by the caller once the data is there; null while there is nothing to draw. */
  option: EChartsOption | null;
  loading: boolean;
  /** What the chart shows, for screen readers. */
  label: string;
  emptyText: string;
  /** Shown when the library could not be loaded. */
  failedText: string;
  height?: number;
  /** Called when a data item (a bar, a node …) is clicked. */
  onClick?: (params: ECElementEvent) => void;
}

export function LazyChart({
  option,
  loading,
  label,
  emptyText,
  failedText,
  height = 320,
  onClick,
}: LazyChartProps) {
  const { i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  // The latest handler, read by the one listener the chart keeps for its life.
  const clicked = useRef(onClick);
  clicked.current = onClick;
  const hasData = option !== null;
  const lang = i18n.language;

  useEffect(() => {
    if (!hasData || !host.current) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('echarts')
      .then((echarts) => {
        if (disposed || !host.current) return;
        chart.current = echarts.init(host.current, undefined, {
          renderer: 'canvas',
          locale: lang === 'en' ? 'EN' : 'ZH',
        });
        chart.current.on('click', (params) => clicked.current?.(params as ECElementEvent));
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(host.current);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [hasData, lang]);

  useEffect(() => {
    if (!ready || !chart.current || !option) return;
    // With aria enabled (decal patterns for colour-blind readers) ECharts writes its own generated
    // aria-label over the container's: give it ours unless the chart describes itself.
    const aria = option.aria as { enabled?: boolean; label?: { description?: string } } | undefined;
    const labelled =
      aria?.enabled && !aria.label?.description
        ? { ...option, aria: { ...aria, label: { ...aria.label, description: label } } }
        : option;
    chart.current.setOption(labelled as EChartsOption, true);
  }, [ready, option, label]);

  if (loading && !hasData) return <Skeleton.Node active style={{ width: '100%', height }} />;
  if (failed) return <Empty description={failedText} />;
  if (!hasData) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <div style={{ position: 'relative', width: '100%', height }}>
      {!ready && <Skeleton.Node active style={{ width: '100%', height, position: 'absolute', inset: 0 }} />}
      <div ref={host} role="img" aria-label={label} style={{ width: '100%', height }} />
    </div>
  );
}
