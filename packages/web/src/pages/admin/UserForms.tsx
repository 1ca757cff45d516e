import { Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSaving } from './admin-common.tsx';
import {
  GRID_ROLES,
  type PostFormValues,
  passwordRule,
  postsFromForm,
  ROLES,
  UNIT_KINDS_FOR_ROLE,
  USERNAME_PATTERN,
} from './admin-forms.ts';
import { RegionPicker, UnitPicker } from './admin-pickers.tsx';

const COMMUNITY_AND_ABOVE = ['city', 'district', 'street', 'community'];

/** Role, unit, and region (or grids, for grid workers and grid heads) of one post. */
function PostFields() {
  const { t, tv } = useI18n();
  const role = Form.useWatch<string | undefined>('role');
  const unitKinds = role ? UNIT_KINDS_FOR_ROLE[role] : undefined;
  const gridRole = !!role && GRID_ROLES.includes(role);
  return (
    <>
      <Form.Item name="role" label={t('admin.role')} rules={[{ required: true, message: t('admin.v.role') }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: tv('role', r) }))} />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('form.unit')}
        extra={unitKinds ? unitKinds.map((k) => tv('unitKind', k)).join(' / ') : t('admin.unitOptional')}
        rules={[{ required: !!unitKinds, message: t('admin.v.unit') }]}
      >
        <UnitPicker kinds={unitKinds} testId="post-unit" />
      </Form.Item>
      {gridRole ? (
        <Form.Item
          name="grids"
          label={t('admin.grids')}
          extra={t('admin.gridsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('admin.v.grids') }]}
        >
          <RegionPicker multiple levels={['grid']} testId="post-grids" />
        </Form.Item>
      ) : (
        <Form.Item
          name="regionCode"
          label={t('admin.region')}
          extra={t('admin.regionHint')}
          rules={[{ required: !unitKinds, message: t('admin.v.region') }]}
        >
          <RegionPicker levels={COMMUNITY_AND_ABOVE} testId="post-region" />
        </Form.Item>
      )}
    </>
  );
}

interface NewUserValues extends PostFormValues {
  username: string;
  displayName: string;
  password: string;
}

/** Create a user with their first post(s); they must change the initial password at first log-in. */
export function NewUserModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUserValues>();
  const { busy, save } = useSaving(form);
  const submit = (v: NewUserValues) =>
    save(
      () =>
        api('users', {
          body: {
            username: v.username,
            displayName: v.displayName,
            password: v.password,
            posts: postsFromForm(v),
          },
        }),
      () => {
        form.resetFields();
        onDone();
      },
    );
  return (
    <Modal
      open={open}
      title={t('admin.newUser')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} name="new-user">
        <Form.Item
          name="username"
          label={t('admin.username')}
          extra={t('admin.usernameHint')}
          rules={[
            { required: true, message: t('admin.v.username') },
            { pattern: USERNAME_PATTERN, message: t('admin.v.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.displayName')}
          rules={[{ required: true, whitespace: true, message: t('admin.v.displayName') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('admin.initialPassword')}
          extra={t('admin.passwordHint')}
          dependencies={['username']}
          rules={[
            { required: true, message: t('admin.v.password') },
            ({ getFieldValue }) => ({
              validator(_, value: string | undefined) {
                const rule = value ? passwordRule(value, getFieldValue('username') as string) : null;
                return rule ? Promise.reject(new Error(t(rule))) : Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PostFields />
      </Form>
    </Modal>
  );
}

/** Give an existing user another post (or posts, one per grid). */
export function AddPostModal({
  user,
  onClose,
  onDone,
}: {
  user: { id: number; displayName: string } | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<PostFormValues>();
  const { busy, save } = useSaving(form);
  async function submit(v: PostFormValues) {
    if (!user) return;
    await save(
      async () => {
        for (const post of postsFromForm(v)) await api(`users/${user.id}/posts`, { body: post });
      },
      () => {
        form.resetFields();
        onDone();
      },
    );
  }
  return (
    <Modal
      open={!!user}
      title={`${t('admin.addPost')} · ${user?.displayName ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} name="add-post">
        <PostFields />
      </Form>
    </Modal>
  );
}
