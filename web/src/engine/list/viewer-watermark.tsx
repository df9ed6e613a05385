import { Watermark } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useAuth } from '../../app/auth.tsx';

/**
 * Lists carry the viewer's name and the time faintly across them (SEC-14), so a photo or screenshot of a
 * customer list says who took it and when.
 */
export function ViewerWatermark({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (!me) return <>{children}</>;
  const who = `${me.user.name} ${me.user.username}`;
  return (
    <Watermark
      content={[who, dayjs().format('YYYY-MM-DD HH:mm')]}
      font={{ color: 'rgba(0, 0, 0, 0.07)', fontSize: 14 }}
      gap={[120, 120]}
      className="viewer-watermark"
    >
      {children}
    </Watermark>
  );
}
