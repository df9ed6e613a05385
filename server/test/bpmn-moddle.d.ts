/** The part of bpmn-moddle's API the BPMN export test uses (the package types its model, not its class). */
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}
