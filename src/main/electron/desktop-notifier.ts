import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Notifier } from '../core/app/controller-options';
import type { Logger } from '../core/platform/logger';
import type { NotificationRequest } from '../core/notify/notification-policy';

interface NotificationFactory {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): Notification;
}

/** Shows what the core's policy decided. Keeps a reference until closed, or a click may be lost to GC. */
export class DesktopNotifier implements Notifier {
  private readonly open = new Set<Notification>();

  constructor(
    private readonly factory: NotificationFactory,
    private readonly log: Logger,
  ) {}

  show(request: NotificationRequest, onClick: () => void): void {
    if (!this.factory.isSupported()) {
      this.log.info('notifications are not supported on this system; skipped one');
      return;
    }
    const notification = this.factory.create({ title: request.title, body: request.body, silent: request.silent ?? false });
    this.open.add(notification);
    const release = () => this.open.delete(notification);
    notification.on('click', () => {
      release();
      onClick();
    });
    notification.on('close', release);
    notification.on('failed', (_event, error) => {
      release();
      this.log.warn('a notification could not be shown', { error });
    });
    notification.show();
  }
}
