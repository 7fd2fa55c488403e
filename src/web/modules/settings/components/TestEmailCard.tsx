import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconMailForward } from '@tabler/icons-react';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { useTestEmail } from '../hooks';

/** Sends a test message through the saved SMTP settings and shows the outcome in the server's words. */
export function TestEmailCard({
  configured,
  dirty,
  defaultTo,
}: {
  configured: boolean;
  dirty: boolean;
  defaultTo: string;
}) {
  const test = useTestEmail();
  const form = useForm({
    initialValues: { to: defaultTo },
    validate: { to: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an email address') },
  });
  return (
    <Card radius="lg">
      <form
        onSubmit={form.onSubmit((val) =>
          test.mutate(val.to.trim(), { onError: (e) => applyServerErrors(form, e, ['to']) }),
        )}
        noValidate
      >
        <Stack gap="md">
          <Stack gap={2}>
            <Text fw={600}>Send a test email</Text>
            <Text size="sm" c="dimmed">
              {configured
                ? dirty
                  ? 'The test uses the saved settings: save your changes first.'
                  : 'Checks that Accord can reach your SMTP server and that the message arrives.'
                : 'Turn on outgoing email and save the settings first.'}
            </Text>
          </Stack>
          {test.isSuccess && (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck size={18} />}
              title="Test email sent"
              withCloseButton
              onClose={() => test.reset()}
              data-testid="test-email-result"
            >
              The SMTP server accepted the message (id {test.data.messageId}). Check the inbox of{' '}
              {form.values.to}.
            </Alert>
          )}
          {test.isError && Object.keys(form.errors).length === 0 && (
            <ErrorAlert error={test.error} title="The test email was not sent" />
          )}
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Send to"
              type="email"
              style={{ flex: '1 1 240px' }}
              {...form.getInputProps('to')}
            />
            <Button
              type="submit"
              variant="light"
              leftSection={<IconMailForward size={16} />}
              loading={test.isPending}
              disabled={!configured}
            >
              Send test email
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
