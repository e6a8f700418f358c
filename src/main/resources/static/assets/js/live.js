// The page's STOMP connection to /ws (@stomp/stompjs from its WebJar): the session cookie signs in, it reconnects by
// itself, and a banner says so while it is down.
import { Client } from '/webjars/stomp__stompjs/esm6/index.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/** Connects and calls onConnect(client) on every (re)connection, where the page subscribes again. */
export function connectLive(onConnect) {
  const banner = el('div', { id: 'ws-banner', class: 'banner', role: 'alert', hidden: true, text: t('live.down') });
  document.querySelector('main').prepend(banner);
  const client = new Client({
    brokerURL: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
    reconnectDelay: 2000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
  });
  let everConnected = false;
  const down = () => { banner.hidden = false; document.body.dataset.live = 'down'; };
  client.onConnect = () => {
    everConnected = true;
    banner.hidden = true;
    document.body.dataset.live = 'up';
    onConnect(client);
  };
  client.onWebSocketClose = down;
  client.onStompError = down;
  setTimeout(() => { if (!everConnected) down(); }, 5000);
  client.activate();
  return client;
}
