import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError, api } from '../engine/api.ts';

/** A notification as the bell shows it (server: modules/notify/inbox.ts), texts in the reader's language. */
export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: { object: string; id: number } | null;
  at: string;
  read: boolean;
}

export const unreadKey = ['notifications', 'unread'];
export const recentKey = ['notifications', 'recent'];
const streamPath = '/api/notifications/stream';
const firstDelay = 2_000;
const maxDelay = 60_000;

/** The unread count: asked once, then kept live by the stream. `null` = this installation has no notification centre. */
export function useUnreadCount() {
  return useQuery({
    queryKey: unreadKey,
    queryFn: async (): Promise<number | null> => {
      try {
        return (await api.get<{ data: { count: number } }>('/api/notifications/unread-count')).data.count;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/**
 * Live notifications (NOTIF-1): one Server-Sent Events stream per page. The server sends the unread count on
 * connect and whenever it changes (in any server process, through PostgreSQL LISTEN/NOTIFY) and each new
 * notification. The browser reconnects by itself after a dropped connection; when it gives up (the server refused
 * or was away) we open a new stream with a growing delay, and the count is asked again so that a lost session
 * is noticed.
 */
export function useNotificationStream(enabled: boolean, onNotification?: (n: NotificationItem) => void): void {
  const qc = useQueryClient();
  const handler = useRef(onNotification);
  handler.current = onNotification;
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = firstDelay;
    const connect = () => {
      source = new EventSource(streamPath, { withCredentials: true });
      source.addEventListener('open', () => {
        delay = firstDelay;
        // Whatever came while the stream was down.
        void qc.invalidateQueries({ queryKey: recentKey });
      });
      source.addEventListener('unread', (e) => {
        const count = Number(JSON.parse((e as MessageEvent<string>).data).count);
        if (Number.isFinite(count)) qc.setQueryData(unreadKey, count);
      });
      source.addEventListener('notification', (e) => {
        const n = JSON.parse((e as MessageEvent<string>).data) as NotificationItem;
        qc.setQueryData<NotificationItem[]>(recentKey, (old) =>
          old ? [n, ...old.filter((x) => x.id !== n.id)].slice(0, 20) : old,
        );
        handler.current?.(n);
      });
      // An administrator changed picklist options (WF-7): forms and filters offer the new ones at once.
      source.addEventListener('metadata', () => void qc.invalidateQueries({ queryKey: ['metadata'] }));
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        void qc.invalidateQueries({ queryKey: unreadKey });
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, maxDelay);
      });
    };
    connect();
    return () => {
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, qc]);
}

/** Recent notifications for the bell's list (newest first). */
export function useRecentNotifications(enabled: boolean) {
  return useQuery({
    queryKey: recentKey,
    enabled,
    queryFn: () => api.get<{ data: NotificationItem[] }>('/api/notifications?limit=20').then((r) => r.data),
    staleTime: 30_000,
  });
}

/** Mark some (or all) read; the server answers with the new unread count (the stream says so too). */
export async function markRead(sel: { ids: number[] } | { all: true }): Promise<number> {
  const r = await api.post<{ data: { unread: number } }>('/api/notifications/read', sel);
  return r.data.unread;
}
